import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/server/session.ts';
import { openTestDatabase } from '../support/database.ts';
import { createUser, TEST_PASSWORD, testProtector } from '../support/factories.ts';
import { call, createTestApp, fromAddress, login, type TTestApp } from './support.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const protector = testProtector();
let clock = new Date('2026-03-01T08:00:00Z');
let app: TTestApp;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db, protector, { now: () => clock });
  await createUser(db, { username: 'alice', role: 'auditor' });
  await createUser(db, { username: 'bob', role: 'admin' });
  await createUser(db, { username: 'carol', role: 'regulator', scopeRegion: '110000' });
});

afterAll(async () => {
  await db.drop();
});

function postLogin(target: TTestApp, username: string, password: string, address = '10.0.0.1') {
  return target.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    },
    fromAddress(address),
  );
}

async function auditActions(): Promise<string[]> {
  const { rows } = await db.query<{ action: string }>('SELECT action FROM audit_events ORDER BY seq');
  return rows.map((r) => r.action);
}

describe('login', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user and a CSRF token', async () => {
    const response = await postLogin(app, 'carol', TEST_PASSWORD);
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tuogou_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=3600');
    const body = (await response.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({
      username: 'carol',
      role: 'regulator',
      scope: { regionCode: '110000', regionName: '北京市' },
    });
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('stores only the hash of the session token', async () => {
    const session = await login(app, 'alice');
    const token = session.cookie.split('=')[1]!;
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('answers 401 invalid_credentials for a wrong password and for an unknown user alike', async () => {
    for (const [username, password] of [
      ['alice', 'wrong-password'],
      ['nobody', TEST_PASSWORD],
    ] as const) {
      const response = await postLogin(app, username, password);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'Wrong username or password' },
      });
    }
  });

  it('answers 400 validation_failed naming the missing field', async () => {
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('password');
  });

  it('locks the account for 15 minutes after 5 failed passwords, even against the right one', async () => {
    await createUser(db, { username: 'dave', role: 'auditor' });
    for (let i = 1; i <= 4; i++) expect((await postLogin(app, 'dave', `wrong-${i}`)).status).toBe(401);
    const fifth = await postLogin(app, 'dave', 'wrong-5');
    expect(fifth.status).toBe(423);
    expect(((await fifth.json()) as { error: { code: string } }).error.code).toBe('locked');
    expect((await postLogin(app, 'dave', TEST_PASSWORD)).status).toBe(423);
    expect(await auditActions()).toContain('auth.lockout');

    clock = new Date(clock.getTime() + 14 * 60_000);
    expect((await postLogin(app, 'dave', TEST_PASSWORD)).status).toBe(423);
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect((await postLogin(app, 'dave', TEST_PASSWORD)).status).toBe(200);
  });

  it('starts counting failures afresh after a successful login', async () => {
    await createUser(db, { username: 'erin', role: 'auditor' });
    for (let i = 0; i < 4; i++) await postLogin(app, 'erin', 'wrong');
    expect((await postLogin(app, 'erin', TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await postLogin(app, 'erin', 'wrong')).status).toBe(401);
  });

  it('rate-limits login attempts per client address with 429 and Retry-After', async () => {
    const limited = createTestApp(db, protector, { loginRateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++)
      expect((await postLogin(limited, 'nobody', 'x', '192.0.2.7')).status).toBe(401);
    const refused = await postLogin(limited, 'alice', TEST_PASSWORD, '192.0.2.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await postLogin(limited, 'alice', TEST_PASSWORD, '192.0.2.8')).status).toBe(200);
  });

  it('writes audit events for failures and logins without the attempted password or username', async () => {
    const before = (await auditActions()).length;
    await postLogin(app, 'someone-typed-a-secret', 'hunter2hunter2');
    const { rows } = await db.query<{ action: string; detail: unknown; actor_label: string }>(
      'SELECT action, detail, actor_label FROM audit_events ORDER BY seq OFFSET $1',
      [before],
    );
    expect(rows.map((r) => r.action)).toEqual(['auth.login.fail']);
    expect(JSON.stringify(rows)).not.toContain('someone-typed-a-secret');
    expect(JSON.stringify(rows)).not.toContain('hunter2hunter2');
  });
});

describe('session', () => {
  it('identifies the caller on /api/auth/me and returns the same CSRF token', async () => {
    const session = await login(app, 'alice');
    const response = await call(app, '/api/auth/me', { session });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      user: { username: 'alice' },
      csrfToken: session.csrfToken,
    });
  });

  it('answers 401 without a session and with an unknown token', async () => {
    expect((await call(app, '/api/auth/me')).status).toBe(401);
    const forged = { cookie: 'tuogou_session=forged-token', csrfToken: 'x' };
    const response = await call(app, '/api/auth/me', { session: forged });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('expires after the configured session minutes', async () => {
    const session = await login(app, 'bob');
    clock = new Date(clock.getTime() + 59 * 60_000);
    expect((await call(app, '/api/auth/me', { session })).status).toBe(200);
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect((await call(app, '/api/auth/me', { session })).status).toBe(401);
  });

  it('refuses a logged-in POST without the CSRF header or with a wrong one (403 csrf_failed)', async () => {
    const session = await login(app, 'alice');
    const missing = await call(app, '/api/auth/logout', { session, method: 'POST', csrf: false });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    const wrong = await call(app, '/api/auth/logout', {
      // Change the last character to something it is not, so the token is wrong on every run.
      session: {
        ...session,
        csrfToken: `${session.csrfToken.slice(0, -1)}${session.csrfToken.endsWith('A') ? 'B' : 'A'}`,
      },
      method: 'POST',
    });
    expect(wrong.status).toBe(403);
    expect((await call(app, '/api/auth/me', { session })).status).toBe(200);
  });

  it('logs out with the CSRF token: 204, cookie cleared, session gone, audit event written', async () => {
    const session = await login(app, 'alice');
    const response = await call(app, '/api/auth/logout', { session, method: 'POST' });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/tuogou_session=;.*Max-Age=0/);
    expect((await call(app, '/api/auth/me', { session })).status).toBe(401);
    expect((await auditActions()).at(-1)).toBe('auth.logout');
  });
});

describe('response headers', () => {
  it('sends security headers and no-store on API answers', async () => {
    const response = await app.request('/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
