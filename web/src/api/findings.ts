import { apiRequest, buildQuery, type TQueryParams } from './http.ts';
import type {
  TAssociationFindingQuery,
  TFinding,
  TFindingDetail,
  TFindingFilters,
  TFindingQuery,
  TPage,
  TTransitionBody,
} from './types.ts';

export type TFindingExportFormat = 'xlsx' | 'csv';

// `includeResolved` travels as the text `true`, and not at all when off, as the API reads it.
function queryOf<T extends { includeResolved?: boolean }>(query: T): TQueryParams {
  const { includeResolved, ...rest } = query;
  return { ...(rest as TQueryParams), includeResolved: includeResolved ? 'true' : undefined };
}

/** `GET /api/findings`: one page of the current findings inside the caller's scope. */
export function listFindings(query: TFindingQuery): Promise<TPage<TFinding>> {
  return apiRequest<TPage<TFinding>>('/api/findings', { query: queryOf(query) });
}

/** `GET /api/findings/:id`: the finding with its status history. */
export function getFinding(id: number): Promise<TFindingDetail> {
  return apiRequest<TFindingDetail>(`/api/findings/${id}`);
}

/** `POST /api/findings/:id/transition`: moves the finding to a new status (CSRF header added by the client). */
export function transitionFinding(id: number, body: TTransitionBody): Promise<TFindingDetail> {
  return apiRequest<TFindingDetail>(`/api/findings/${id}/transition`, { method: 'POST', body });
}

/** `GET /api/associations/:uscc/findings`: one page of one association's findings. */
export function listAssociationFindings(
  uscc: string,
  query: TAssociationFindingQuery,
): Promise<TPage<TFinding>> {
  return apiRequest<TPage<TFinding>>(`/api/associations/${encodeURIComponent(uscc)}/findings`, {
    query: queryOf(query),
  });
}

/** URL of `GET /api/findings/export` for the given filters, downloaded through a plain link. */
export function findingsExportUrl(format: TFindingExportFormat, filters: TFindingFilters): string {
  return `/api/findings/export${buildQuery({ format, ...queryOf(filters) })}`;
}
