import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, buildQuery, setCsrfToken } from './http.ts';

type TCall = { url: string; init: RequestInit };

function stubFetch(response: () => Response): TCall[] {
  const calls: TCall[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  });
  return calls;
}

function header(call: TCall | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name];
}

beforeEach(() => setCsrfToken(null));
afterEach(() => vi.unstubAllGlobals());

describe('buildQuery', () => {
  it('leaves out empty filters so an untouched box does not reach the server', () => {
    expect(buildQuery({ q: '', region: undefined, level: 'national', page: 2, organ: null })).toBe(
      '?level=national&page=2',
    );
    expect(buildQuery({})).toBe('');
  });

  it('encodes Chinese text', () => {
    expect(buildQuery({ q: '钢铁 协会' })).toBe('?q=%E9%92%A2%E9%93%81+%E5%8D%8F%E4%BC%9A');
  });
});

describe('apiRequest', () => {
  it('sends the CSRF token with every non-GET request of a logged-in user', async () => {
    const calls = stubFetch(() => new Response(null, { status: 204 }));
    setCsrfToken('token-1');
    await apiRequest('/api/auth/logout', { method: 'POST' });
    await apiRequest('/api/things/1', { method: 'DELETE' });
    expect(header(calls[0], 'x-csrf-token')).toBe('token-1');
    expect(header(calls[1], 'x-csrf-token')).toBe('token-1');
  });

  it('does not send the token with GET requests', async () => {
    const calls = stubFetch(() => Response.json({ items: [] }));
    setCsrfToken('token-1');
    await apiRequest('/api/regions');
    expect(header(calls[0], 'x-csrf-token')).toBeUndefined();
  });

  it('sends JSON bodies with their content type and the session cookie', async () => {
    const calls = stubFetch(() => Response.json({ ok: true }));
    await apiRequest('/api/auth/login', { method: 'POST', body: { username: 'a', password: 'b' } });
    expect(calls[0]?.init.body).toBe('{"username":"a","password":"b"}');
    expect(header(calls[0], 'content-type')).toBe('application/json');
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it("rejects with the server's error code and message", async () => {
    stubFetch(() => Response.json({ error: { code: 'locked', message: 'Account locked' } }, { status: 423 }));
    const error = await apiRequest('/api/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 423, code: 'locked', message: 'Account locked' });
  });

  it('still rejects clearly when an error answer is not the JSON of the contract', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiRequest('/api/health')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiRequest('/api/health')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
