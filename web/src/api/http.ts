import type { TApiErrorBody } from './types.ts';

/** An error answer of the API: the HTTP status plus the contract's `{ code, message }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export type TQueryValue = string | number | boolean | null | undefined;
export type TQueryParams = Record<string, TQueryValue>;

type TMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type TRequestOptions = {
  method?: TMethod;
  query?: TQueryParams;
  body?: unknown;
};

// The CSRF token lives in memory only: it comes from login or /api/auth/me and is lost with the tab,
// which is what we want — a new tab asks /me again.
let csrfToken: string | null = null;

/** Remembers the CSRF token that every non-GET request must carry as `x-csrf-token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Builds a query string from the given parameters, leaving out empty values so that an untouched filter
 * does not reach the server as `q=`. Keys keep their insertion order, which keeps URLs stable.
 */
export function buildQuery(params: TQueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function isErrorBody(value: unknown): value is TApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/**
 * Calls the API with the session cookie and, for writes, the CSRF header. Resolves with the parsed JSON
 * (or `undefined` for 204) and rejects with an {@link ApiError} carrying the server's code and message.
 */
export async function apiRequest<T>(path: string, options: TRequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${path}${buildQuery(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    if (isErrorBody(payload)) throw new ApiError(response.status, payload.error.code, payload.error.message);
    throw new ApiError(response.status, `http_${response.status}`, response.statusText || text.slice(0, 200));
  }
  return payload as T;
}
