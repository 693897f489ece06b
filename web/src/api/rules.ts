import { apiRequest } from './http.ts';
import type { TRuleList } from './types.ts';

/** `GET /api/rules`: the whole rule catalog with every pack's parameters. */
export function listRules(): Promise<TRuleList> {
  return apiRequest<TRuleList>('/api/rules');
}
