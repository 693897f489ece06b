import type { TConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import type { PersonalDataProtector } from '../../src/security/personal-data.ts';
import { type CreateAppOptions, createApp } from '../../src/server/app.ts';
import { TEST_PASSWORD } from '../support/factories.ts';

export type TTestApp = ReturnType<typeof createApp>;

export const TEST_CONFIG: TConfig = { dataDir: '.tuogou-test', port: 0, sessionMinutes: 60 };

export function createTestApp(
  db: Db,
  protector: PersonalDataProtector,
  options: Partial<CreateAppOptions> = {},
): TTestApp {
  return createApp({
    db,
    protector,
    config: TEST_CONFIG,
    loginRateLimit: { max: 1_000, windowMs: 60_000 },
    ...options,
  });
}

/** A logged-in browser: the session cookie and the CSRF token it must echo. */
export type TSession = { cookie: string; csrfToken: string };

/** Node-server bindings as `@hono/node-server` passes them, so the app sees a client address. */
export function fromAddress(address: string) {
  return { incoming: { socket: { remoteAddress: address } } };
}

export async function login(
  app: TTestApp,
  username: string,
  password = TEST_PASSWORD,
  address = '127.0.0.1',
): Promise<TSession> {
  const response = await app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    },
    fromAddress(address),
  );
  if (response.status !== 200)
    throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = /tuogou_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `tuogou_session=${cookie}`, csrfToken: body.csrfToken };
}

/** A request as the browser of `session` would send it (cookie, and the CSRF header on writes). */
export function call(
  app: TTestApp,
  path: string,
  options: { session?: TSession; method?: string; body?: unknown; csrf?: boolean } = {},
): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (options.session) headers.cookie = options.session.cookie;
  if (options.session && method !== 'GET' && options.csrf !== false)
    headers['x-csrf-token'] = options.session.csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return Promise.resolve(
    app.request(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
}
