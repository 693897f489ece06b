import { regionStatus } from '../core/ids/regions.ts';
import type { Db } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  insertUser,
  type TUserRole,
  USER_ROLES,
  usernameExists,
} from '../db/repositories/users.repository.ts';
import { AppError } from './errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';

export type CreateAccountOptions = {
  username: string;
  displayName?: string;
  password: string;
  role: TUserRole;
  /** Region code for regulators and inspectors ('100000' = the whole country). */
  scopeRegion?: string | null;
  /** Organ code for organ staff. */
  scopeOrgan?: string | null;
  /** USCC for association staff. */
  scopeAssociation?: string | null;
  actor: AuditActor;
};

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** Checks an account request before anything is hashed or written; throws `validation_failed`. */
function checkAccount(options: CreateAccountOptions): void {
  const problems: string[] = [];
  if (!USERNAME.test(options.username)) {
    problems.push(
      'username: 2–63 characters of a–z, 0–9, dot, dash or underscore, starting with a letter or digit',
    );
  }
  if (!USER_ROLES.includes(options.role)) problems.push(`role: one of ${USER_ROLES.join(', ')}`);
  if (options.password.length < MIN_PASSWORD_LENGTH) {
    problems.push(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const needs = {
    region: ['regulator', 'inspector'],
    organ: ['organ'],
    association: ['association'],
  } as const;
  if ((needs.region as readonly string[]).includes(options.role) && !options.scopeRegion) {
    problems.push(`scope region: required for the role ${options.role}`);
  }
  if (
    options.scopeRegion &&
    options.scopeRegion !== '100000' &&
    regionStatus(options.scopeRegion) === 'unknown'
  ) {
    problems.push(`scope region: ${options.scopeRegion} is not a GB/T 2260 region code`);
  }
  if (options.role === 'organ' && !options.scopeOrgan)
    problems.push('scope organ: required for the role organ');
  if (options.role === 'association' && !options.scopeAssociation) {
    problems.push('scope association: required for the role association');
  }
  if (problems.length > 0) throw new AppError('validation_failed', problems.join('; '));
}

/**
 * Creates an account: validates it, hashes the password (argon2id) and writes the account and its
 * audit event in one transaction. Throws `conflict` for a username in use and `validation_failed`
 * for a scope that names an unknown organ or association.
 */
export async function createAccount(db: Db, options: CreateAccountOptions): Promise<{ id: number }> {
  checkAccount(options);
  if (await usernameExists(db, options.username)) {
    throw new AppError('conflict', `username ${options.username} is already taken`);
  }
  const passwordHash = await hashPassword(options.password);
  return db.transaction(async (tx) => {
    const result = await insertUser(tx, {
      username: options.username,
      displayName: options.displayName ?? options.username,
      passwordHash,
      role: options.role,
      scopeRegion: options.scopeRegion ?? null,
      scopeOrganCode: options.scopeOrgan ?? null,
      scopeAssociationUscc: options.scopeAssociation ?? null,
    });
    if ('missing' in result) {
      const key = result.missing === 'organ' ? options.scopeOrgan : options.scopeAssociation;
      throw new AppError('validation_failed', `scope ${result.missing}: ${key} is not in the registry`);
    }
    await appendAuditEvent(tx, {
      actor: options.actor,
      action: 'user.create',
      entity: 'user',
      entityId: result.id,
      detail: {
        username: options.username,
        role: options.role,
        scopeRegion: options.scopeRegion ?? null,
        scopeOrgan: options.scopeOrgan ?? null,
        scopeAssociation: options.scopeAssociation ?? null,
      },
    });
    return { id: result.id };
  });
}
