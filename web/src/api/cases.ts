import type { TCaseDetailBody, TCaseSummaryBody } from '../../../src/server/handlers/cases.routes.ts';
import { ApiError, apiRequest, buildQuery } from './http.ts';

/** The API's case records, typed from the server's own schemas so the two cannot drift. */
export type TCaseSummary = TCaseSummaryBody;
export type TCaseDetail = TCaseDetailBody;
export type TCaseItem = TCaseDetail['checklist'][number];
export type TCaseFile = TCaseItem['files'][number];
export type TCaseState = TCaseSummary['state'];
export type TItemState = TCaseItem['state'];

export type TCaseFilters = {
  state?: TCaseState;
  batch?: string;
  region?: string;
  q?: string;
  overdue?: 'CASE-1' | 'CASE-2' | 'any';
};

export type TCasePage = { items: TCaseSummary[]; total: number; page: number; pageSize: number };

export type TNotification = {
  id: number;
  kind: string;
  caseId: number | null;
  caseRef: string | null;
  associationName: string | null;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  createdAt: string;
  readAt: string | null;
};
export type TNotificationPage = { items: TNotification[]; unread: number; total: number };

/** `GET /api/cases`. */
export function listCases(query: TCaseFilters & { page: number; pageSize: number }): Promise<TCasePage> {
  return apiRequest<TCasePage>('/api/cases', { query });
}

/** URL of `GET /api/cases/export`, downloaded through a plain link. */
export function casesExportUrl(format: 'xlsx' | 'csv', filters: TCaseFilters): string {
  return `/api/cases/export${buildQuery({ format, ...filters })}`;
}

/** `GET /api/cases/:id`. */
export function getCase(id: number): Promise<TCaseDetail> {
  return apiRequest<TCaseDetail>(`/api/cases/${id}`);
}

export type TCaseTransitionBody = {
  to: TCaseState;
  reason?: string;
  blockedReason?: 'policy_gap' | 'insufficient_work';
  approvalRef?: string;
};

/** `POST /api/cases/:id/transition`. */
export function transitionCase(id: number, body: TCaseTransitionBody): Promise<TCaseDetail> {
  return apiRequest<TCaseDetail>(`/api/cases/${id}/transition`, { method: 'POST', body });
}

/** `POST /api/cases/:id/items/:key/transition`: sign off, return, waive or reopen an item. */
export function transitionCaseItem(
  id: number,
  key: string,
  body: { to: 'signed_off' | 'waived' | 'open'; reason?: string },
): Promise<TCaseDetail> {
  return apiRequest<TCaseDetail>(`/api/cases/${id}/items/${encodeURIComponent(key)}/transition`, {
    method: 'POST',
    body,
  });
}

export type TUploadResult = {
  evidenceId: number;
  sha256: string;
  itemState: TItemState | null;
  missingKinds: string[];
};

/**
 * `POST /api/cases/:id/evidence` as multipart. The JSON client does not send forms, so this asks the
 * session for the CSRF token the write must carry.
 */
export async function uploadEvidence(
  id: number,
  options: { file: File; kind: string; item?: string },
): Promise<TUploadResult> {
  const { csrfToken } = await apiRequest<{ csrfToken: string }>('/api/auth/me');
  const form = new FormData();
  form.set('file', options.file);
  form.set('kind', options.kind);
  if (options.item) form.set('item', options.item);
  const response = await fetch(`/api/cases/${id}/evidence`, {
    method: 'POST',
    headers: { 'x-csrf-token': csrfToken, accept: 'application/json' },
    credentials: 'same-origin',
    body: form,
  });
  const payload = (await response.json().catch(() => null)) as
    | TUploadResult
    | { error?: { code: string; message: string } }
    | null;
  if (!response.ok) {
    const error = payload && 'error' in payload ? payload.error : undefined;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText,
    );
  }
  return payload as TUploadResult;
}

/** URL of one evidence file. */
export function evidenceUrl(caseId: number, evidenceId: number): string {
  return `/api/cases/${caseId}/evidence/${evidenceId}`;
}

/** `GET /api/notifications`. */
export function listNotifications(): Promise<TNotificationPage> {
  return apiRequest<TNotificationPage>('/api/notifications', { query: { limit: 30 } });
}

/** `POST /api/notifications/:id/read`. */
export function markNotificationRead(id: number): Promise<{ unread: number }> {
  return apiRequest<{ unread: number }>(`/api/notifications/${id}/read`, { method: 'POST' });
}

/** `POST /api/notifications/read-all`. */
export function markAllNotificationsRead(): Promise<{ unread: number }> {
  return apiRequest<{ unread: number }>('/api/notifications/read-all', { method: 'POST' });
}
