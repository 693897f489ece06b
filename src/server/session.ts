import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findActiveSession } from '../db/repositories/users.repository.ts';
import type { TAppDeps, TAppEnv } from './env.ts';
import { AppError } from './errors.ts';

export const SESSION_COOKIE = 'tuogou_session';
export const CSRF_HEADER = 'x-csrf-token';

/** A fresh unguessable token (256 bits), URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the sessions table keeps instead of the token: a database leak yields no usable session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Logging in is how a browser gets a CSRF token, so it cannot require one; a forged login only logs
// the victim into the forger's account, which SameSite=Lax already prevents across sites.
const CSRF_EXEMPT = new Set(['/api/auth/login']);

/**
 * Finds the caller's session from the cookie (expired or unknown tokens count as anonymous), then
 * refuses any state-changing request of a logged-in caller whose `x-csrf-token` header does not match
 * the session's token.
 */
export function sessionMiddleware(deps: TAppDeps): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    c.set('principal', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const tokenHash = hashToken(token);
      const session = await findActiveSession(deps.db, { tokenHash, now: deps.now() });
      if (session) c.set('principal', { ...session, tokenHash });
    }
    const principal = c.get('principal');
    if (principal && !SAFE_METHODS.has(c.req.method) && !CSRF_EXEMPT.has(c.req.path)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameSecret(sent, principal.csrfToken)) {
        throw new AppError(
          'csrf_failed',
          `Missing or wrong ${CSRF_HEADER} header; use the csrfToken from login or /api/auth/me`,
        );
      }
    }
    await next();
  };
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when served over HTTPS. */
export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
