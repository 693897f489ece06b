import { apiRequest, buildQuery } from './http.ts';
import type {
  TFindingDetailResponse,
  TFindingFilters,
  TFindingQuery,
  TFindingSummary,
  TPage,
  TTransitionBody,
} from './types.ts';

export type TFindingExportFormat = 'xlsx' | 'csv';

/** `GET /api/findings`: one page of the findings inside the caller's scope. */
export function listFindings(query: TFindingQuery): Promise<TPage<TFindingSummary>> {
  return apiRequest<TPage<TFindingSummary>>('/api/findings', { query });
}

/** `GET /api/findings/:id`: the finding with its facts, clause and status history. */
export function getFinding(id: number): Promise<TFindingDetailResponse> {
  return apiRequest<TFindingDetailResponse>(`/api/findings/${id}`);
}

/** `POST /api/findings/:id/transition`: moves the finding to a new status (CSRF header added by the client). */
export function transitionFinding(id: number, body: TTransitionBody): Promise<TFindingDetailResponse> {
  return apiRequest<TFindingDetailResponse>(`/api/findings/${id}/transition`, { method: 'POST', body });
}

/** `GET /api/associations/:uscc/findings`: one page of one association's findings. */
export function listAssociationFindings(uscc: string, query: TFindingQuery): Promise<TPage<TFindingSummary>> {
  return apiRequest<TPage<TFindingSummary>>(`/api/associations/${encodeURIComponent(uscc)}/findings`, {
    query,
  });
}

/** URL of `GET /api/findings/export` for the given filters, downloaded through a plain link. */
export function findingsExportUrl(format: TFindingExportFormat, filters: TFindingFilters): string {
  return `/api/findings/export${buildQuery({ format, ...filters })}`;
}
