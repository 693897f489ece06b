import type { Queryable } from '../database.ts';

/**
 * Accounts and sessions. Session tokens are never stored, only their SHA-256 (`token_hash`); the
 * caller hashes before calling. Times are passed in rather than read from the database clock so that
 * expiry and lockout follow one clock, which tests can move.
 */

export const USER_ROLES = ['regulator', 'organ', 'association', 'inspector', 'auditor', 'admin'] as const;
export type TUserRole = (typeof USER_ROLES)[number];

/** An account with the names of what its scope points at, as sessions and listings need it. */
export type TUserRow = {
  id: number;
  username: string;
  displayName: string;
  role: TUserRole;
  active: boolean;
  scopeRegion: string | null;
  scopeOrganId: number | null;
  scopeOrganCode: string | null;
  scopeOrganName: string | null;
  scopeAssociationId: number | null;
  scopeAssociationUscc: string | null;
  scopeAssociationName: string | null;
};

export type TUserCredentialsRow = TUserRow & {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: string | null;
};

export type TSessionRow = TUserRow & { csrfToken: string; expiresAt: string };

const USER_COLUMNS = `
  u.id::int AS "id", u.username AS "username", u.display_name AS "displayName", u.role AS "role",
  u.active AS "active", u.scope_region AS "scopeRegion",
  u.scope_organ_id::int AS "scopeOrganId", o.code AS "scopeOrganCode", o.name AS "scopeOrganName",
  u.scope_association_id::int AS "scopeAssociationId", a.uscc AS "scopeAssociationUscc",
  a.name AS "scopeAssociationName"`;

const USER_JOINS = `
  LEFT JOIN organs AS o ON o.id = u.scope_organ_id
  LEFT JOIN associations AS a ON a.id = u.scope_association_id`;

export async function findUserCredentials(
  db: Queryable,
  username: string,
): Promise<TUserCredentialsRow | undefined> {
  const { rows } = await db.query<TUserCredentialsRow>(
    `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash", u.failed_logins AS "failedLogins",
            u.locked_until AS "lockedUntil"
     FROM users AS u ${USER_JOINS}
     WHERE u.username = $1`,
    [username],
  );
  return rows[0];
}

export type RecordLoginFailureOptions = {
  userId: number;
  now: Date;
  /** Failures in a row that lock the account. */
  lockAfter: number;
  lockMinutes: number;
};

/**
 * Counts one more failed password. On reaching `lockAfter` the account locks until `now + lockMinutes`
 * and the counter restarts, so the next lock again needs `lockAfter` failures. `locked` says whether
 * this failure locked the account.
 */
export async function recordLoginFailure(
  tx: Queryable,
  options: RecordLoginFailureOptions,
): Promise<{ failedLogins: number; locked: boolean; lockedUntil: string | null }> {
  const lockedUntil = new Date(options.now.getTime() + options.lockMinutes * 60_000).toISOString();
  const { rows } = await tx.query<{ failedLogins: number; locked: boolean; lockedUntil: string | null }>(
    `UPDATE users SET
       failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
     WHERE id = $1
     RETURNING failed_logins AS "failedLogins", locked_until AS "lockedUntil",
               (locked_until IS NOT DISTINCT FROM $3::timestamptz) AS "locked"`,
    [options.userId, options.lockAfter, lockedUntil],
  );
  return rows[0] ?? { failedLogins: 0, locked: false, lockedUntil: null };
}

export async function recordLoginSuccess(tx: Queryable, userId: number): Promise<void> {
  await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

export type CreateSessionOptions = {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  now: Date;
  expiresAt: Date;
};

export async function createSession(tx: Queryable, options: CreateSessionOptions): Promise<void> {
  await tx.query(
    'INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [
      options.tokenHash,
      options.userId,
      options.csrfToken,
      options.now.toISOString(),
      options.expiresAt.toISOString(),
    ],
  );
}

/** The live session behind a token hash: not expired at `now`, of an active account. */
export async function findActiveSession(
  db: Queryable,
  options: { tokenHash: string; now: Date },
): Promise<TSessionRow | undefined> {
  const { rows } = await db.query<TSessionRow>(
    `SELECT ${USER_COLUMNS}, s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt"
     FROM sessions AS s JOIN users AS u ON u.id = s.user_id ${USER_JOINS}
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
    [options.tokenHash, options.now.toISOString()],
  );
  return rows[0];
}

export async function deleteSession(tx: Queryable, tokenHash: string): Promise<boolean> {
  const { rows } = await tx.query('DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id', [
    tokenHash,
  ]);
  return rows.length > 0;
}

/** Removes sessions that expired before `now`; they no longer authenticate anyone anyway. */
export async function deleteExpiredSessions(tx: Queryable, now: Date): Promise<number> {
  const { rows } = await tx.query('DELETE FROM sessions WHERE expires_at <= $1 RETURNING user_id', [
    now.toISOString(),
  ]);
  return rows.length;
}

export type InsertUserOptions = {
  username: string;
  displayName: string;
  passwordHash: string;
  role: TUserRole;
  scopeRegion?: string | null;
  scopeOrganCode?: string | null;
  scopeAssociationUscc?: string | null;
};

/**
 * Inserts an account, resolving the organ code and USCC of its scope. Answers `{ missing }` when the
 * scope names an organ or association that is not in the registry (nothing is written then).
 */
export async function insertUser(
  tx: Queryable,
  options: InsertUserOptions,
): Promise<{ id: number } | { missing: 'organ' | 'association' }> {
  let organId: number | null = null;
  let associationId: number | null = null;
  if (options.scopeOrganCode) {
    const { rows } = await tx.query<{ id: number }>('SELECT id::int AS id FROM organs WHERE code = $1', [
      options.scopeOrganCode,
    ]);
    if (!rows[0]) return { missing: 'organ' };
    organId = rows[0].id;
  }
  if (options.scopeAssociationUscc) {
    const { rows } = await tx.query<{ id: number }>(
      'SELECT id::int AS id FROM associations WHERE uscc = $1',
      [options.scopeAssociationUscc],
    );
    if (!rows[0]) return { missing: 'association' };
    associationId = rows[0].id;
  }
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO users (username, display_name, password_hash, role, scope_region, scope_organ_id,
                        scope_association_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int AS id`,
    [
      options.username,
      options.displayName,
      options.passwordHash,
      options.role,
      options.scopeRegion ?? null,
      organId,
      associationId,
    ],
  );
  return { id: rows[0]!.id };
}

export async function usernameExists(db: Queryable, username: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE username = $1', [username]);
  return rows.length > 0;
}

export type TUserListRow = TUserRow & { lockedUntil: string | null; createdAt: string };

export async function listUsers(db: Queryable): Promise<TUserListRow[]> {
  const { rows } = await db.query<TUserListRow>(
    `SELECT ${USER_COLUMNS}, u.locked_until AS "lockedUntil", u.created_at AS "createdAt"
     FROM users AS u ${USER_JOINS}
     ORDER BY u.username`,
  );
  return rows;
}
