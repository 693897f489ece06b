import { apiRequest } from './http.ts';
import type { TPage, TScreeningRun } from './types.ts';

export type TScreeningRunQuery = { page?: number; pageSize?: number };

/** `GET /api/screening-runs`: the screening runs, newest first. */
export function listScreeningRuns(query: TScreeningRunQuery): Promise<TPage<TScreeningRun>> {
  return apiRequest<TPage<TScreeningRun>>('/api/screening-runs', { query });
}

/** `POST /api/screening-runs`: starts a run over every association in the caller's scope. */
export function startScreeningRun(): Promise<TScreeningRun> {
  return apiRequest<TScreeningRun>('/api/screening-runs', { method: 'POST', body: {} });
}
