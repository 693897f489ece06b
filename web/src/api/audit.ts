import { apiRequest } from './http.ts';
import type { TAuditEvent, TPage } from './types.ts';

export type TAuditQuery = { page?: number; pageSize?: number };

/** `GET /api/audit-events`: one page of the audit log, newest first (auditor and admin only). */
export function listAuditEvents(query: TAuditQuery): Promise<TPage<TAuditEvent>> {
  return apiRequest<TPage<TAuditEvent>>('/api/audit-events', { query });
}
