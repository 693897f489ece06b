import { randomBytes } from 'node:crypto';
import { residentIdCheckCharacter } from '../../src/core/ids/resident-id.ts';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import type {
  TAssociationRecord,
  TLinkRecord,
  TOrganRecord,
  TPostRecord,
} from '../../src/core/registry/types.ts';
import type { Db } from '../../src/db/database.ts';
import {
  upsertAssociations,
  upsertLinks,
  upsertOrgans,
  upsertPosts,
} from '../../src/db/repositories/registry.repository.ts';
import { insertUser, type TUserRole } from '../../src/db/repositories/users.repository.ts';
import { createPersonalDataProtector, type PersonalDataProtector } from '../../src/security/personal-data.ts';
import { hashPassword } from '../../src/server/passwords.ts';

/**
 * Small factories for tests: each inserts one record through the registry's own upserts and returns
 * the record, with defaults that are valid and unique within the test database.
 */

let counter = 0;
function next(): number {
  counter += 1;
  return counter;
}

/** An 8-character organisation-code body unique within this process. */
function orgBody(): string {
  return `T${String(next()).padStart(7, '0')}`;
}

/** A protector with a fixed random key for one test file. */
export function testProtector(): PersonalDataProtector {
  return createPersonalDataProtector(randomBytes(32).toString('hex'));
}

/** A valid 18-character resident ID born on `birthDate` in region `regionCode`. */
export function residentIdFor(options: { regionCode: string; birthDate: string; sequence?: number }): string {
  const first17 = `${options.regionCode}${options.birthDate.replaceAll('-', '')}${String((options.sequence ?? next()) % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export async function createOrgan(db: Db, overrides: Partial<TOrganRecord> = {}): Promise<TOrganRecord> {
  const regionCode = overrides.regionCode ?? '100000';
  const record: TOrganRecord = {
    code: composeUscc('1', '1', regionCode, orgBody()),
    name: `测试机关${next()}`,
    kind: 'government',
    isAdministrative: true,
    level: regionCode === '100000' ? 'national' : 'provincial',
    regionCode,
    ...overrides,
  };
  await db.transaction((tx) => upsertOrgans(tx, [record]));
  return record;
}

export async function createAssociation(
  db: Db,
  overrides: Partial<TAssociationRecord> = {},
): Promise<TAssociationRecord> {
  const regionCode = overrides.regionCode ?? '100000';
  const record: TAssociationRecord = {
    uscc: composeUscc('5', '1', regionCode, orgBody()),
    name: `测试行业协会${next()}`,
    level: regionCode === '100000' ? 'national' : 'provincial',
    regionCode,
    industry: '制造业',
    registrar: '民政部',
    foundedOn: '1995-05-01',
    registeredOn: '1995-06-01',
    status: 'active',
    address: '北京市西城区测试路1号',
    phone: '010-00000000',
    memberCount: 120,
    ...overrides,
  };
  await db.transaction((tx) => upsertAssociations(tx, [record]));
  return record;
}

export async function createLink(
  db: Db,
  record: Pick<TLinkRecord, 'organCode' | 'associationUscc'> & Partial<TLinkRecord>,
): Promise<TLinkRecord> {
  const link: TLinkRecord = { kind: 'supervisor', startedOn: '2000-01-01', endedOn: null, ...record };
  await db.transaction((tx) => upsertLinks(tx, [link]));
  return link;
}

export async function createPost(
  db: Db,
  protector: PersonalDataProtector,
  record: Pick<TPostRecord, 'associationUscc'> & Partial<TPostRecord>,
): Promise<TPostRecord> {
  const post: TPostRecord = {
    person: {
      name: `测试人${next()}`,
      residentId: residentIdFor({ regionCode: '110105', birthDate: '1960-03-15' }),
      sex: 'male',
      birthDate: '1960-03-15',
    },
    role: 'president',
    startedOn: '2018-01-01',
    termNumber: 1,
    remunerated: false,
    ...record,
  };
  await db.transaction((tx) => upsertPosts(tx, [post], protector));
  return post;
}

/** The database id of the person holding `post` (persons are keyed by hashed ID, not by name). */
export async function personIdOf(db: Db, post: TPostRecord): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT pe.id::int AS id FROM posts AS po
     JOIN persons AS pe ON pe.id = po.person_id JOIN associations AS a ON a.id = po.association_id
     WHERE a.uscc = $1 AND pe.name = $2 AND po.role = $3 AND po.started_on = $4`,
    [post.associationUscc, post.person.name, post.role, post.startedOn],
  );
  if (!rows[0]) throw new Error(`no person for post of ${post.person.name}`);
  return rows[0].id;
}

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export type CreateUserOptions = {
  username: string;
  role: TUserRole;
  scopeRegion?: string;
  scopeOrganCode?: string;
  scopeAssociationUscc?: string;
  password?: string;
};

export async function createUser(
  db: Db,
  options: CreateUserOptions,
): Promise<{ id: number; username: string }> {
  const passwordHash = await hashPassword(options.password ?? TEST_PASSWORD);
  const result = await db.transaction((tx) =>
    insertUser(tx, {
      username: options.username,
      displayName: `测试账号 ${options.username}`,
      passwordHash,
      role: options.role,
      scopeRegion: options.scopeRegion ?? null,
      scopeOrganCode: options.scopeOrganCode ?? null,
      scopeAssociationUscc: options.scopeAssociationUscc ?? null,
    }),
  );
  if ('missing' in result) throw new Error(`scope ${result.missing} of ${options.username} not found`);
  return { id: result.id, username: options.username };
}
