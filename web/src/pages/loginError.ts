import { ApiError } from '../api/http.ts';
import type { TMessageId } from '../i18n/index.ts';

/**
 * The headline for a failed login: wrong credentials (401), a locked account (423) or too many
 * attempts (429) get their own words; the server's message is shown under it in every case.
 */
export function loginErrorTitle(error: Error): TMessageId {
  if (!(error instanceof ApiError)) return 'login.failed';
  if (error.status === 429) return 'login.error.rate_limited';
  if (error.status === 423 || error.code === 'locked') return 'login.error.locked';
  if (error.status === 401 || error.code === 'invalid_credentials') return 'login.error.invalid_credentials';
  return 'login.failed';
}

/** Where to go after login: the `next` parameter when it is a path of this app, otherwise home. */
export function safeNextPath(next: string | null): string {
  // Only same-origin paths: `//host` and `/\host` would be read by browsers as another origin.
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
