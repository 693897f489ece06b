import { ApiError, apiRequest } from './http.ts';
import type { TSession } from './types.ts';

export type TLoginOptions = { username: string; password: string };

/** `POST /api/auth/login`: signs in and sets the session cookie. */
export function login({ username, password }: TLoginOptions): Promise<TSession> {
  return apiRequest<TSession>('/api/auth/login', { method: 'POST', body: { username, password } });
}

/** `POST /api/auth/logout`: ends the session. */
export function logout(): Promise<void> {
  return apiRequest<void>('/api/auth/logout', { method: 'POST' });
}

/** `GET /api/auth/me`: the current session, or `null` when nobody is logged in (401). */
export async function fetchMe(): Promise<TSession | null> {
  try {
    return await apiRequest<TSession>('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
