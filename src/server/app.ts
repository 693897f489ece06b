import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getConnInfo } from '@hono/node-server/conninfo';
import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { TConfig } from '../config.ts';
import { EVIDENCE_TYPE_SPECS } from '../core/cases/evidence.ts';
import type { Db } from '../db/database.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';
import { authorize } from './authorize.ts';
import type { TAppDeps, TAppEnv } from './env.ts';
import { AppError, ERROR_STATUS, errorBody, type TErrorCode } from './errors.ts';
import { createAuthHandlers } from './handlers/auth.handlers.ts';
import { createCasesHandlers } from './handlers/cases.handlers.ts';
import { createComplaintsHandlers } from './handlers/complaints.handlers.ts';
import { createCreditHandlers } from './handlers/credit.handlers.ts';
import { createDashboardHandlers } from './handlers/dashboard.handlers.ts';
import { createFindingsHandlers } from './handlers/findings.handlers.ts';
import { createInspectionHandlers } from './handlers/inspections.handlers.ts';
import { createMatchHandlers } from './handlers/match.handlers.ts';
import { createNotificationsHandlers } from './handlers/notifications.handlers.ts';
import { createOfficialsHandlers } from './handlers/officials.handlers.ts';
import { createOpenDataHandlers } from './handlers/open-data.handlers.ts';
import { createPublicHandlers } from './handlers/public.handlers.ts';
import { createRegistryHandlers } from './handlers/registry.handlers.ts';
import { createRulesHandlers } from './handlers/rules.handlers.ts';
import { createSummaryHandlers } from './handlers/summary.handlers.ts';
import { createSystemHandlers } from './handlers/system.handlers.ts';
import type { THandlers } from './handlers/types.ts';
import {
  createSlidingWindowLimiter,
  type SlidingWindowOptions,
  type TPortalRateLimits,
} from './rate-limit.ts';
import { ROUTE_TABLE } from './routes.ts';
import { sessionMiddleware } from './session.ts';
import { webAppHandler } from './static.ts';

export type CreateAppOptions = {
  db: Db;
  config: TConfig;
  protector: PersonalDataProtector;
  /** The built web app (web/dist); served at `/` when the folder exists. */
  webDistDir?: string;
  /** Clock of sessions and lockouts; the system clock unless a test moves time. */
  now?: () => Date;
  /** Login attempts allowed per client address; 10 a minute unless set. */
  loginRateLimit?: SlidingWindowOptions;
  /** Per-client limits of the public API and the complaint form; see DEFAULT_PORTAL_RATE_LIMITS. */
  portalRateLimits?: TPortalRateLimits;
};

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

/** The address of the TCP peer; `unknown` when the app runs without a socket (in-process requests). */
function socketAddress(c: Context<TAppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const STRICT_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    // Ant Design writes its styles at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
});

// Swagger UI is an inline page that loads its script and styles from a CDN.
const DOCS_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'],
    styleSrc: ["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'],
    imgSrc: ["'self'", 'data:', 'https://cdn.jsdelivr.net'],
    frameAncestors: ["'none'"],
  },
});

const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  // Registry answers depend on who asks; no shared cache may keep them.
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};

function httpExceptionCode(status: number): TErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [TErrorCode, number][]).find(([, s]) => s === status);
  return match?.[0] ?? (status >= 500 ? 'internal_error' : 'validation_failed');
}

/** Request bodies of the API are JSON forms and small; only evidence uploads carry files. */
const JSON_BODY_LIMIT = 2 * 1024 * 1024;
/**
 * The largest evidence file the checklist accepts plus a margin, so that a file a little over its
 * item's limit still reaches the checklist and gets the item's own message; anything larger is
 * refused unread.
 */
const UPLOAD_BODY_LIMIT =
  Math.max(...Object.values(EVIDENCE_TYPE_SPECS).map((spec) => spec.maxBytes)) + 4 * 1024 * 1024;
const EVIDENCE_UPLOAD_PATH = /^\/api\/cases\/[^/]+\/evidence$/;

function limitOf(maxSize: number, what: string): MiddlewareHandler {
  const mb = (maxSize / 1024 / 1024).toFixed(0);
  return bodyLimit({
    maxSize,
    onError: (c) =>
      c.json(
        errorBody(
          'payload_too_large',
          `请求内容超过 ${mb} MB 上限 / The ${what} is larger than the ${mb} MB this endpoint accepts`,
        ),
        413,
      ),
  });
}

/**
 * Refuses an oversized body before it is read: declared sizes at once, undeclared (chunked) ones as
 * soon as the stream passes the limit, so a huge upload never sits in memory.
 */
const JSON_LIMIT = limitOf(JSON_BODY_LIMIT, 'request body');
const UPLOAD_LIMIT = limitOf(UPLOAD_BODY_LIMIT, 'upload');
const limitBody: MiddlewareHandler = (c, next) =>
  (c.req.method === 'POST' && EVIDENCE_UPLOAD_PATH.test(c.req.path) ? UPLOAD_LIMIT : JSON_LIMIT)(c, next);

/**
 * The HTTP application: every API route of the route table behind the same pipeline (session →
 * CSRF → authorization from the table → validation → handler → presenter), the OpenAPI document,
 * Swagger UI and the web app. Tested in-process with `app.request(…)`.
 */
export function createApp(options: CreateAppOptions): OpenAPIHono<TAppEnv> {
  const deps: TAppDeps = {
    db: options.db,
    config: options.config,
    protector: options.protector,
    now: options.now ?? (() => new Date()),
    loginLimiter: createSlidingWindowLimiter(options.loginRateLimit ?? { max: 10, windowMs: 60_000 }),
    clientIp: socketAddress,
    version: VERSION,
  };

  const app = new OpenAPIHono<TAppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const problems = result.error.issues.map(
        (issue) => `${result.target} ${issue.path.join('.') || '(whole)'}: ${issue.message}`,
      );
      return c.json(errorBody('validation_failed', problems.join('; ')), 400);
    },
  });

  app.use('*', (c, next) => (c.req.path === '/api/docs' ? DOCS_HEADERS(c, next) : STRICT_HEADERS(c, next)));
  app.use('/api/*', noStore, limitBody, sessionMiddleware(deps));

  const handlers: THandlers = {
    ...createSystemHandlers(deps),
    ...createAuthHandlers(deps),
    ...createRegistryHandlers(deps),
    ...createPublicHandlers(deps, options.portalRateLimits),
    ...createComplaintsHandlers(deps),
    ...createCreditHandlers(deps),
    ...createFindingsHandlers(deps),
    ...createRulesHandlers(deps),
    ...createMatchHandlers(deps),
    ...createOfficialsHandlers(deps),
    ...createDashboardHandlers(deps),
    ...createSummaryHandlers(deps),
    ...createCasesHandlers(deps),
    ...createNotificationsHandlers(deps),
    ...createInspectionHandlers(deps),
    ...createOpenDataHandlers(deps),
  };
  for (const { id, definition } of ROUTE_TABLE) {
    // The table is heterogeneous; each handler was type-checked against its own route in THandlers.
    app.openapi({ ...definition.route, middleware: [authorize(definition, deps)] }, handlers[id] as never);
  }

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Tuogou API',
      version: VERSION,
      description:
        'Registry of industry associations and the organs they are decoupling from. Errors are ' +
        '`{ "error": { "code", "message" } }`; sessions use the `tuogou_session` cookie plus the ' +
        '`x-csrf-token` header on every non-GET request.',
    },
  });
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json', title: 'Tuogou API' }));
  app.all('/api/*', (c) => c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}`), 404));

  if (options.webDistDir && existsSync(options.webDistDir)) {
    app.get('*', webAppHandler(options.webDistDir));
  }

  app.notFound((c) => c.json(errorBody('not_found', `Nothing at ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, error.message), error.status);
    }
    if (error instanceof HTTPException) {
      const code = httpExceptionCode(error.status);
      return c.json(errorBody(code, error.message || code), error.status);
    }
    // Only the kind of failure is logged: messages of database errors can quote row values.
    console.error(`[tuogou] ${c.req.method} ${c.req.routePath}: ${error.name}`);
    return c.json(errorBody('internal_error', 'Internal error'), 500);
  });

  return app;
}
