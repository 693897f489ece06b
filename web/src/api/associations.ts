import { apiRequest, buildQuery } from './http.ts';
import type {
  TAssociationDetailResponse,
  TAssociationFilters,
  TAssociationQuery,
  TAssociationSummary,
  TPage,
} from './types.ts';

export type TExportFormat = 'xlsx' | 'csv';

/** Exact counts of the associations inside the caller's scope. */
export type TRegistrySummary = {
  total: number;
  byStatus: Record<'active' | 'deregistered' | 'revoked', number>;
  byLevel: Record<'national' | 'provincial' | 'municipal' | 'county', number>;
};

/** `GET /api/registry/summary`: the counts a home page shows. */
export function getRegistrySummary(): Promise<TRegistrySummary> {
  return apiRequest<TRegistrySummary>('/api/registry/summary');
}

/** `GET /api/associations`: one page of the associations inside the caller's scope. */
export function listAssociations(query: TAssociationQuery): Promise<TPage<TAssociationSummary>> {
  return apiRequest<TPage<TAssociationSummary>>('/api/associations', { query });
}

/** `GET /api/associations/:uscc`: the association with its organ links and posts. */
export function getAssociation(uscc: string): Promise<TAssociationDetailResponse> {
  return apiRequest<TAssociationDetailResponse>(`/api/associations/${encodeURIComponent(uscc)}`);
}

/**
 * URL of `GET /api/associations/export` for the given filters. Downloads go through a plain link so the
 * browser streams the file with the session cookie instead of buffering it in memory.
 */
export function associationsExportUrl(format: TExportFormat, filters: TAssociationFilters): string {
  return `/api/associations/export${buildQuery({ format, ...filters })}`;
}
