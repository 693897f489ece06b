import { maskResidentId } from '../../core/ids/resident-id.ts';
import type {
  TAssociationRecord,
  TLinkRecord,
  TOrganRecord,
  TPersonRecord,
  TPostRecord,
  TRosterRecord,
} from '../../core/registry/types.ts';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import type { Queryable } from '../database.ts';

/**
 * Write side of the registry: bulk upserts by natural key. Each batch is one `INSERT … SELECT FROM
 * unnest(…) ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM`, so a row that did not change is not
 * touched (re-importing a file changes nothing) and thousands of rows cost one round trip.
 */

export type UpsertCounts = { inserted: number; updated: number; unchanged: number };

export class MissingReferenceError extends Error {
  constructor(
    readonly kind: 'association' | 'organ',
    readonly keys: string[],
  ) {
    super(
      `unknown ${kind}${keys.length > 1 ? 's' : ''}: ${keys.slice(0, 10).join(', ')}${keys.length > 10 ? ', …' : ''}`,
    );
  }
}

/** One input column of a bulk upsert: its alias, its SQL array element type and how to read it. */
export type TColumn<R> = { name: string; type: string; value: (row: R) => unknown };

const CHUNK = 5_000;

function addCounts(a: UpsertCounts, b: UpsertCounts): UpsertCounts {
  return {
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
  };
}

/**
 * Upserts rows given as parallel arrays. `source` may join the unnest alias `u` to other tables to turn
 * natural keys into ids; `select` lists the expressions inserted, in `columns` order of the target.
 */
export async function bulkUpsert<R>(
  tx: Queryable,
  options: {
    table: string;
    conflict: string[];
    input: TColumn<R>[];
    target: string[];
    select: string[];
    joins?: string;
    rows: R[];
    /** Written on insert, kept when already set, and not compared (e.g. a re-randomised ciphertext). */
    keepOnUpdate?: string[];
    /** Further expressions to return for inserted and updated rows. */
    returning?: string;
    onReturned?: (rows: Record<string, unknown>[]) => void;
  },
): Promise<UpsertCounts> {
  let total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const keep = options.keepOnUpdate ?? [];
  const updatable = options.target.filter((c) => !options.conflict.includes(c) && !keep.includes(c));
  const unnestArgs = options.input.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const alias = options.input.map((c) => c.name).join(', ');
  const sql = `
    INSERT INTO ${options.table} AS t (${options.target.join(', ')})
    SELECT ${options.select.join(', ')}
    FROM unnest(${unnestArgs}) AS u(${alias}) ${options.joins ?? ''}
    ON CONFLICT (${options.conflict.join(', ')}) DO UPDATE
      SET ${[...updatable.map((c) => `${c} = EXCLUDED.${c}`), ...keep.map((c) => `${c} = COALESCE(t.${c}, EXCLUDED.${c})`)].join(', ')}, updated_at = now()
      WHERE (${updatable.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${updatable.map((c) => `EXCLUDED.${c}`).join(', ')})
    RETURNING (xmax::text = '0') AS inserted${options.returning ? `, ${options.returning}` : ''}`;
  // Without rows to hand back, the database counts them: one row comes back instead of thousands.
  const counted = `WITH w AS (${sql}) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written FROM w`;
  for (let start = 0; start < options.rows.length; start += CHUNK) {
    const chunk = options.rows.slice(start, start + CHUNK);
    const params = options.input.map((column) => chunk.map((row) => column.value(row) ?? null));
    let inserted: number;
    let written: number;
    if (options.onReturned) {
      const { rows } = await tx.query<{ inserted: boolean }>(sql, params);
      options.onReturned(rows);
      inserted = rows.filter((r) => r.inserted).length;
      written = rows.length;
    } else {
      const { rows } = await tx.query<{ inserted: number; written: number }>(counted, params);
      inserted = rows[0]!.inserted;
      written = rows[0]!.written;
    }
    total = addCounts(total, {
      inserted,
      updated: written - inserted,
      unchanged: chunk.length - written,
    });
  }
  return total;
}

async function missingKeys(
  tx: Queryable,
  table: 'associations' | 'organs',
  keys: string[],
): Promise<string[]> {
  const column = table === 'associations' ? 'uscc' : 'code';
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  // USCCs are char(18): comparing as bpchar (not text) lets the lookup use the unique index.
  const type = table === 'associations' ? 'bpchar' : 'text';
  const { rows } = await tx.query<{ key: string }>(
    `SELECT k AS key FROM unnest($1::${type}[]) AS k WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${column} = k)`,
    [unique],
  );
  return rows.map((r) => r.key.trimEnd());
}

/**
 * Database ids of the records among `keys` that exist, by natural key, in one indexed lookup. Keys
 * already in `known` are not looked up again; the result holds those too.
 */
export async function lookupIds(
  tx: Queryable,
  table: 'associations' | 'organs',
  keys: Iterable<string | null | undefined>,
  known?: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const wanted = new Set<string>();
  for (const key of keys) {
    if (!key || ids.has(key)) continue;
    const id = known?.get(key);
    if (id === undefined) wanted.add(key);
    else ids.set(key, id);
  }
  if (wanted.size === 0) return ids;
  const column = table === 'associations' ? 'uscc' : 'code';
  // USCCs are char(18): comparing as bpchar (not text) lets the lookup use the unique index.
  const type = table === 'associations' ? 'bpchar' : 'text';
  const { rows } = await tx.query<{ id: number; key: string }>(
    `SELECT id, ${column} AS key FROM ${table} WHERE ${column} = ANY($1::${type}[])`,
    [[...wanted]],
  );
  for (const row of rows) ids.set(row.key.trimEnd(), Number(row.id));
  return ids;
}

/**
 * Database ids of records by natural key, in one indexed lookup; throws for a key found nowhere.
 * Resolving ids up front keeps the bulk inserts free of joins, whose plans degrade as tables grow.
 */
export async function idsByKey(
  tx: Queryable,
  table: 'associations' | 'organs',
  keys: (string | null | undefined)[],
  known?: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const ids = await lookupIds(tx, table, keys, known);
  const missing = [...new Set(keys.filter((k): k is string => !!k && !ids.has(k)))];
  if (missing.length > 0) {
    throw new MissingReferenceError(table === 'associations' ? 'association' : 'organ', missing);
  }
  return ids;
}

/** The associations (by USCC) among `usccs` that are not in the registry. */
export function findMissingAssociations(tx: Queryable, usccs: string[]): Promise<string[]> {
  return missingKeys(tx, 'associations', usccs);
}

/** The organs (by code) among `codes` that are not in the registry. */
export function findMissingOrgans(tx: Queryable, codes: string[]): Promise<string[]> {
  return missingKeys(tx, 'organs', codes);
}

async function requireKeys(
  tx: Queryable,
  table: 'associations' | 'organs',
  keys: (string | null | undefined)[],
) {
  const missing = await missingKeys(
    tx,
    table,
    keys.filter((k): k is string => !!k),
  );
  if (missing.length > 0)
    throw new MissingReferenceError(table === 'associations' ? 'association' : 'organ', missing);
}

export function upsertAssociations(tx: Queryable, records: TAssociationRecord[]): Promise<UpsertCounts> {
  const input: TColumn<TAssociationRecord>[] = [
    { name: 'uscc', type: 'text', value: (r) => r.uscc },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'name_en', type: 'text', value: (r) => r.nameEn },
    { name: 'short_name', type: 'text', value: (r) => r.shortName },
    { name: 'level', type: 'text', value: (r) => r.level },
    { name: 'region_code', type: 'text', value: (r) => r.regionCode },
    { name: 'industry', type: 'text', value: (r) => r.industry },
    { name: 'registrar', type: 'text', value: (r) => r.registrar },
    { name: 'founded_on', type: 'date', value: (r) => r.foundedOn },
    { name: 'registered_on', type: 'date', value: (r) => r.registeredOn },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'address', type: 'text', value: (r) => r.address },
    { name: 'phone', type: 'text', value: (r) => r.phone },
    { name: 'bank_account', type: 'text', value: (r) => r.bankAccount },
    { name: 'member_count', type: 'int', value: (r) => r.memberCount },
  ];
  const names = input.map((c) => c.name);
  return bulkUpsert(tx, {
    table: 'associations',
    conflict: ['uscc'],
    input,
    target: names,
    select: names,
    rows: records,
  });
}

/**
 * Upserts organs, then points each at its parent. Parents may come in the same batch or already be in
 * the registry; a parent found in neither is refused before anything is written.
 */
export async function upsertOrgans(tx: Queryable, records: TOrganRecord[]): Promise<UpsertCounts> {
  const inBatch = new Set(records.map((r) => r.code));
  const parents = records.map((r) => r.parentCode).filter((p): p is string => !!p && !inBatch.has(p));
  await requireKeys(tx, 'organs', parents);
  const input: TColumn<TOrganRecord>[] = [
    { name: 'code', type: 'text', value: (r) => r.code },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'short_name', type: 'text', value: (r) => r.shortName },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'is_administrative', type: 'bool', value: (r) => r.isAdministrative },
    { name: 'level', type: 'text', value: (r) => r.level },
    { name: 'region_code', type: 'text', value: (r) => r.regionCode },
    { name: 'address', type: 'text', value: (r) => r.address },
    { name: 'phone', type: 'text', value: (r) => r.phone },
    { name: 'bank_account', type: 'text', value: (r) => r.bankAccount },
  ];
  const names = input.map((c) => c.name);
  const counts = await bulkUpsert(tx, {
    table: 'organs',
    conflict: ['code'],
    input,
    target: names,
    select: names,
    rows: records,
  });
  // Parent pointers change rarely; a second statement keeps the upsert above free of ordering concerns.
  const { rows } = await tx.query<{ code: string }>(
    `UPDATE organs AS o SET parent_id = p.id, updated_at = now()
     FROM unnest($1::text[], $2::text[]) AS u(code, parent_code)
     LEFT JOIN organs AS p ON p.code = u.parent_code
     WHERE o.code = u.code AND o.parent_id IS DISTINCT FROM p.id
     RETURNING o.code`,
    [records.map((r) => r.code), records.map((r) => r.parentCode ?? null)],
  );
  // An organ whose only change was its parent counts as updated, not unchanged.
  const parentOnly = Math.min(rows.length, counts.unchanged);
  return {
    inserted: counts.inserted,
    updated: counts.updated + parentOnly,
    unchanged: counts.unchanged - parentOnly,
  };
}

/** Ids the caller has already resolved, so that each batch does not look them up again. */
export type UpsertReferencesOptions = {
  associationIds?: ReadonlyMap<string, number>;
  organIds?: ReadonlyMap<string, number>;
};

export async function upsertLinks(
  tx: Queryable,
  records: TLinkRecord[],
  options: UpsertReferencesOptions = {},
): Promise<UpsertCounts> {
  const organIds = await idsByKey(
    tx,
    'organs',
    records.map((r) => r.organCode),
    options.organIds,
  );
  const associationIds = await idsByKey(
    tx,
    'associations',
    records.map((r) => r.associationUscc),
    options.associationIds,
  );
  const input: TColumn<TLinkRecord>[] = [
    { name: 'organ_id', type: 'bigint', value: (r) => organIds.get(r.organCode) },
    { name: 'association_id', type: 'bigint', value: (r) => associationIds.get(r.associationUscc) },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'started_on', type: 'date', value: (r) => r.startedOn },
    { name: 'ended_on', type: 'date', value: (r) => r.endedOn },
  ];
  const names = input.map((c) => c.name);
  return bulkUpsert(tx, {
    table: 'organ_links',
    conflict: ['organ_id', 'association_id', 'kind', 'started_on'],
    input,
    target: names,
    select: names,
    rows: records,
  });
}

/** A person as stored: the resident ID only as a keyed hash and a mask (the ciphertext comes later). */
type TKeyedPerson = {
  personKey: string;
  residentId: string | null;
  idHash: string | null;
  idMasked: string | null;
  name: string;
  sex: string | null;
  birthDate: string | null;
};

type TProtectedPerson = TKeyedPerson & { idCipher: string | null };

/**
 * Hashes resident IDs once per distinct ID in a batch: the same person often holds several posts, and
 * the keyed hash is the costliest step of keying a row.
 */
function personKeyer(protector: PersonalDataProtector) {
  const hashes = new Map<string, string>();
  return (person: TPersonRecord, contextKey: string): TKeyedPerson => {
    const residentId = person.residentId ?? null;
    let idHash: string | null = null;
    if (residentId) {
      idHash = hashes.get(residentId) ?? null;
      if (idHash === null) {
        idHash = protector.hash(residentId);
        hashes.set(residentId, idHash);
      }
    }
    return {
      // The natural key: the keyed hash of the resident ID, or, without one, a keyed hash of name,
      // birth date and the association the person was recorded under (the best a registry can do).
      personKey: idHash
        ? `id:${idHash}`
        : `nm:${protector.hash(`${person.name}|${person.birthDate ?? ''}|${contextKey}`)}`,
      residentId,
      idHash,
      idMasked: residentId ? maskResidentId(residentId) : null,
      name: person.name,
      sex: person.sex ?? null,
      birthDate: person.birthDate ?? null,
    };
  };
}

/** Encrypts the resident ID: only for persons about to be written, never for unchanged ones. */
function encrypted(person: TKeyedPerson, protector: PersonalDataProtector): TProtectedPerson {
  return { ...person, idCipher: person.residentId ? protector.encrypt(person.residentId) : null };
}

type TStoredPerson = {
  id: number;
  person_key: string;
  id_hash: string | null;
  id_masked: string | null;
  name: string;
  sex: string | null;
  birth_date: string | null;
};

/**
 * Upserts persons and returns the database id of each, by person key. Stored persons are read first:
 * an unchanged person costs neither an encryption nor a write; only new and changed ones are upserted.
 */
async function upsertPersons(
  tx: Queryable,
  persons: TKeyedPerson[],
  protector: PersonalDataProtector,
): Promise<Map<string, number>> {
  const unique = new Map<string, TKeyedPerson>();
  for (const person of persons) unique.set(person.personKey, person);
  const ids = new Map<string, number>();
  const { rows: stored } = await tx.query<TStoredPerson>(
    // One index probe per key: with `= ANY` of thousands of keys the planner scans the whole table,
    // a cost that grows with the registry rather than with the batch.
    `SELECT p.id, p.person_key, p.id_hash, p.id_masked, p.name, p.sex, p.birth_date
     FROM unnest($1::text[]) AS k(key)
     CROSS JOIN LATERAL (SELECT * FROM persons WHERE person_key = k.key OFFSET 0) AS p`,
    [[...unique.keys()]],
  );
  for (const row of stored) {
    const person = unique.get(row.person_key);
    if (
      person &&
      person.idHash === row.id_hash &&
      person.idMasked === row.id_masked &&
      person.name === row.name &&
      person.sex === row.sex &&
      person.birthDate === row.birth_date
    ) {
      ids.set(row.person_key, Number(row.id));
      unique.delete(row.person_key);
    }
  }
  if (unique.size === 0) return ids;
  // The ciphertext is re-randomised on every encryption, so it is written on insert but not compared.
  await bulkUpsert(tx, {
    table: 'persons',
    conflict: ['person_key'],
    input: [
      { name: 'person_key', type: 'text', value: (p) => p.personKey },
      { name: 'id_hash', type: 'text', value: (p) => p.idHash },
      { name: 'id_cipher', type: 'text', value: (p) => p.idCipher },
      { name: 'id_masked', type: 'text', value: (p) => p.idMasked },
      { name: 'name', type: 'text', value: (p) => p.name },
      { name: 'sex', type: 'text', value: (p) => p.sex },
      { name: 'birth_date', type: 'date', value: (p) => p.birthDate },
    ],
    target: ['person_key', 'id_hash', 'id_cipher', 'id_masked', 'name', 'sex', 'birth_date'],
    select: ['person_key', 'id_hash', 'id_cipher', 'id_masked', 'name', 'sex', 'birth_date'],
    keepOnUpdate: ['id_cipher'],
    returning: 't.id, t.person_key',
    onReturned: (rows) => {
      for (const row of rows) ids.set(row.person_key as string, Number(row.id));
    },
    rows: [...unique.values()].map((p) => encrypted(p, protector)),
  });
  return ids;
}

export async function upsertPosts(
  tx: Queryable,
  records: TPostRecord[],
  protector: PersonalDataProtector,
  options: UpsertReferencesOptions = {},
): Promise<UpsertCounts> {
  const associationIds = await idsByKey(
    tx,
    'associations',
    records.map((r) => r.associationUscc),
    options.associationIds,
  );
  const organIds = await idsByKey(
    tx,
    'organs',
    records.map((r) => r.recommendedByOrganCode),
    options.organIds,
  );
  const key = personKeyer(protector);
  const rows = records.map((record) => ({ record, person: key(record.person, record.associationUscc) }));
  const personIds = await upsertPersons(
    tx,
    rows.map((r) => r.person),
    protector,
  );
  type TRow = (typeof rows)[number];
  const input: TColumn<TRow>[] = [
    { name: 'association_id', type: 'bigint', value: (r) => associationIds.get(r.record.associationUscc) },
    { name: 'person_id', type: 'bigint', value: (r) => personIds.get(r.person.personKey) },
    { name: 'role', type: 'text', value: (r) => r.record.role },
    { name: 'branch_name', type: 'text', value: (r) => r.record.branchName },
    { name: 'started_on', type: 'date', value: (r) => r.record.startedOn },
    { name: 'ended_on', type: 'date', value: (r) => r.record.endedOn },
    { name: 'term_number', type: 'int', value: (r) => r.record.termNumber },
    { name: 'remunerated', type: 'bool', value: (r) => r.record.remunerated },
    { name: 'approval_ref', type: 'text', value: (r) => r.record.approvalRef },
    { name: 'approval_date', type: 'date', value: (r) => r.record.approvalDate },
    {
      name: 'recommended_by_organ_id',
      type: 'bigint',
      value: (r) => (r.record.recommendedByOrganCode ? organIds.get(r.record.recommendedByOrganCode) : null),
    },
  ];
  const names = input.map((c) => c.name);
  return bulkUpsert(tx, {
    table: 'posts',
    conflict: ['association_id', 'person_id', 'role', 'started_on'],
    input,
    target: names,
    select: names,
    rows,
  });
}

export async function upsertRosterRecords(
  tx: Queryable,
  records: TRosterRecord[],
  protector: PersonalDataProtector,
): Promise<UpsertCounts> {
  const organIds = await idsByKey(
    tx,
    'organs',
    records.map((r) => r.organCode),
  );
  const key = personKeyer(protector);
  const rows = records.map((record) => ({
    record,
    person: encrypted(key(record.person, record.source), protector),
  }));
  type TRow = (typeof rows)[number];
  const input: TColumn<TRow>[] = [
    { name: 'source', type: 'text', value: (r) => r.record.source },
    { name: 'record_key', type: 'text', value: (r) => r.record.recordKey },
    { name: 'id_hash', type: 'text', value: (r) => r.person.idHash },
    { name: 'id_cipher', type: 'text', value: (r) => r.person.idCipher },
    { name: 'id_masked', type: 'text', value: (r) => r.person.idMasked },
    { name: 'name', type: 'text', value: (r) => r.person.name },
    { name: 'sex', type: 'text', value: (r) => r.person.sex },
    { name: 'birth_date', type: 'date', value: (r) => r.person.birthDate },
    { name: 'status', type: 'text', value: (r) => r.record.status },
    { name: 'retired_on', type: 'date', value: (r) => r.record.retiredOn },
    {
      name: 'organ_id',
      type: 'bigint',
      value: (r) => (r.record.organCode ? organIds.get(r.record.organCode) : null),
    },
    { name: 'organ_name', type: 'text', value: (r) => r.record.organName },
    { name: 'rank', type: 'text', value: (r) => r.record.rank },
  ];
  const names = input.map((c) => c.name);
  return bulkUpsert(tx, {
    table: 'roster_records',
    conflict: ['source', 'record_key'],
    input,
    target: names,
    select: names,
    keepOnUpdate: ['id_cipher'],
    rows,
  });
}
