import { apiRequest } from './http.ts';
import type { TOrganList } from './types.ts';

export type TOrganQuery = { q?: string; page?: number; pageSize?: number };

/** `GET /api/organs`: organs matching the search, with how many associations each is linked to. */
export function listOrgans(query: TOrganQuery): Promise<TOrganList> {
  return apiRequest<TOrganList>('/api/organs', { query });
}
