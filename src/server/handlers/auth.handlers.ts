import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findUserCredentials,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../db/repositories/users.repository.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { verifyAgainstNothing, verifyPassword } from '../passwords.ts';
import { presentUser } from '../presenters.ts';
import { auditActorOf } from '../principal.ts';
import { clearSessionCookie, hashToken, newToken, setSessionCookie } from '../session.ts';
import type { THandlersOf } from './types.ts';

/** Failed passwords in a row that lock an account, and for how long. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

const ANONYMOUS = { id: null, label: 'anonymous' } as const;

export function createAuthHandlers(deps: TAppDeps): THandlersOf<'login' | 'logout' | 'me'> {
  const { db } = deps;
  return {
    login: async (c) => {
      const limit = deps.loginLimiter.hit(deps.clientIp(c), deps.now().getTime());
      if (!limit.allowed) {
        throw new AppError(
          'rate_limited',
          `Too many login attempts from this address; try again in ${limit.retryAfterSeconds} s`,
          { 'Retry-After': String(limit.retryAfterSeconds) },
        );
      }
      const { username, password } = c.req.valid('json');
      const now = deps.now();
      const user = await findUserCredentials(db, username);
      if (!user?.active) {
        await verifyAgainstNothing(password);
        // The attempted name is not recorded: people type passwords into the username field.
        await db.transaction((tx) =>
          appendAuditEvent(tx, {
            actor: ANONYMOUS,
            action: 'auth.login.fail',
            entity: 'user',
            entityId: user?.id ?? null,
            detail: { reason: user ? 'inactive' : 'unknown_user' },
          }),
        );
        throw new AppError('invalid_credentials', 'Wrong username or password');
      }
      if (user.lockedUntil && new Date(user.lockedUntil) > now) {
        await db.transaction((tx) =>
          appendAuditEvent(tx, {
            actor: ANONYMOUS,
            action: 'auth.login.refused',
            entity: 'user',
            entityId: user.id,
            detail: { reason: 'locked', lockedUntil: user.lockedUntil },
          }),
        );
        throw new AppError('locked', `Account locked after repeated failed logins until ${user.lockedUntil}`);
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        const failure = await db.transaction(async (tx) => {
          const result = await recordLoginFailure(tx, {
            userId: user.id,
            now,
            lockAfter: LOCKOUT.failures,
            lockMinutes: LOCKOUT.minutes,
          });
          await appendAuditEvent(tx, {
            actor: ANONYMOUS,
            action: 'auth.login.fail',
            entity: 'user',
            entityId: user.id,
            detail: { reason: 'wrong_password' },
          });
          if (result.locked) {
            await appendAuditEvent(tx, {
              actor: ANONYMOUS,
              action: 'auth.lockout',
              entity: 'user',
              entityId: user.id,
              detail: { failures: LOCKOUT.failures, lockedUntil: result.lockedUntil },
            });
          }
          return result;
        });
        if (failure.locked) {
          throw new AppError(
            'locked',
            `${LOCKOUT.failures} failed logins in a row: account locked until ${failure.lockedUntil}`,
          );
        }
        throw new AppError('invalid_credentials', 'Wrong username or password');
      }
      const token = newToken();
      const csrfToken = newToken();
      const expiresAt = new Date(now.getTime() + deps.config.sessionMinutes * 60_000);
      await db.transaction(async (tx) => {
        await recordLoginSuccess(tx, user.id);
        await deleteExpiredSessions(tx, now);
        await createSession(tx, { tokenHash: hashToken(token), userId: user.id, csrfToken, now, expiresAt });
        await appendAuditEvent(tx, {
          actor: { id: user.id, label: user.username },
          action: 'auth.login',
          entity: 'user',
          entityId: user.id,
          detail: { expiresAt: expiresAt.toISOString() },
        });
      });
      setSessionCookie(c, token, deps.config.sessionMinutes * 60);
      return c.json({ user: presentUser(user), csrfToken }, 200);
    },

    logout: async (c) => {
      const principal = c.get('principal')!;
      await db.transaction(async (tx) => {
        await deleteSession(tx, principal.tokenHash);
        await appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'auth.logout',
          entity: 'user',
          entityId: principal.id,
        });
      });
      clearSessionCookie(c);
      return c.body(null, 204);
    },

    me: (c) => {
      const principal = c.get('principal')!;
      return c.json({ user: presentUser(principal), csrfToken: principal.csrfToken }, 200);
    },
  };
}
