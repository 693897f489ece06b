import {
  ASSOCIATION_STATUSES,
  LEVELS,
  type TAssociationStatus,
  type TLevel,
  type TLinkKind,
  type TOrganKind,
  type TPostRole,
} from '../../core/registry/types.ts';
import type { Queryable } from '../database.ts';

/**
 * Read side of the registry: one function per query, plain SQL. Every listing takes the caller's
 * jurisdiction as a `TRegistryScope` and filters by it in SQL, so rows outside it are never loaded.
 */

/**
 * A jurisdiction over the registry. `region`: associations registered in the region ('110000' a
 * province, '110100' a prefecture, '110105' a county); `organ`: associations ever linked to the organ
 * or any unit below it; `association`: that one association.
 */
export type TRegistryScope =
  | { kind: 'all' }
  | { kind: 'region'; regionCode: string }
  | { kind: 'organ'; organId: number }
  | { kind: 'association'; associationId: number };

export const ASSOCIATION_SORTS = ['name', '-name', 'uscc', 'registeredOn', '-registeredOn'] as const;
export type TAssociationSort = (typeof ASSOCIATION_SORTS)[number];

export type TAssociationFilters = {
  /** Name substring, fuzzy name (trigram similarity) or USCC prefix. */
  q?: string;
  /** USCC prefix. */
  uscc?: string;
  region?: string;
  level?: TLevel;
  /** Organ code: associations ever linked to it or to a unit below it. */
  organ?: string;
  status?: TAssociationStatus;
  industry?: string;
};

/** Collects positional parameters while a statement is assembled. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}

/**
 * The codes of a region as an inclusive range: a province covers `XX0000`–`XX9999`, a prefecture
 * `XXXX00`–`XXXX99`. A range (not LIKE) so the plain b-tree index on region_code serves it under any
 * collation. `undefined` for '100000', the whole country.
 */
export function regionCodeRange(code: string): { low: string; high: string } | undefined {
  if (code === '100000') return undefined;
  const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
  return { low: prefix.padEnd(6, '0'), high: prefix.padEnd(6, '9') };
}

function regionPredicate(column: string, code: string, p: Params): string {
  const range = regionCodeRange(code);
  if (!range) return 'TRUE';
  return `(${column} BETWEEN ${p.add(range.low)} AND ${p.add(range.high)})`;
}

/** `organs.id` of the organ and every unit below it; `seed` selects the organ's own row. */
function organSubtreeSql(seed: string): string {
  return `(WITH RECURSIVE sub(id) AS (
            SELECT id FROM organs WHERE ${seed}
            UNION SELECT c.id FROM organs AS c JOIN sub ON c.parent_id = sub.id)
          SELECT id FROM sub)`;
}

/**
 * Associations ever linked to the organ subtree. The subtree is gathered into an array first (an
 * init plan run once): the planner then looks its few organs up in the links' (organ_id, …) index
 * instead of guessing the recursive query's size and hashing every link of the country.
 */
function linkedToSubtreeSql(seed: string): string {
  return `a.id IN (SELECT l.association_id FROM organ_links AS l
                   WHERE l.organ_id = ANY (ARRAY${organSubtreeSql(seed)}))`;
}

function associationScopePredicate(scope: TRegistryScope, p: Params): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'region':
      return regionPredicate('a.region_code', scope.regionCode, p);
    case 'organ':
      return linkedToSubtreeSql(`id = ${p.add(scope.organId)}`);
    case 'association':
      return `a.id = ${p.add(scope.associationId)}`;
    default:
      return assertUnreachable(scope);
  }
}

function organScopePredicate(scope: TRegistryScope, p: Params): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'region':
      return regionPredicate('o.region_code', scope.regionCode, p);
    case 'organ':
      return `o.id IN ${organSubtreeSql(`id = ${p.add(scope.organId)}`)}`;
    case 'association':
      return `o.id IN (SELECT l.organ_id FROM organ_links AS l WHERE l.association_id = ${p.add(scope.associationId)})`;
    default:
      return assertUnreachable(scope);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

const USCC_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{2,18}$/;

/**
 * How `q` matches names. `substring` first: a name containing the words, or a USCC starting with
 * them; served by the trigram and USCC indexes. `fuzzy` only when nothing contains the words (a typo,
 * a missing character): trigram similarity, which must compare many more names, since every
 * association's name shares the trigrams of 行业协会.
 */
type TMatchMode = 'substring' | 'fuzzy';

function associationWhere(
  scope: TRegistryScope,
  filters: TAssociationFilters,
  p: Params,
  mode: TMatchMode = 'substring',
): string {
  const conditions = [associationScopePredicate(scope, p)];
  const q = filters.q?.trim();
  if (q && mode === 'fuzzy') {
    conditions.push(`a.name % ${p.add(q)}`);
  } else if (q) {
    const contains = `a.name LIKE ${p.add(`%${escapeLike(q)}%`)}`;
    // Two characters have no trigram: the bigram index finds them instead of reading every name.
    const alternatives = [
      [...q].length === 2 ? `(${contains} AND a.name_bigrams @> ARRAY[${p.add(q)}::text])` : contains,
    ];
    const upper = q.toUpperCase();
    if (USCC_PREFIX.test(upper)) alternatives.push(`a.uscc LIKE ${p.add(`${upper}%`)}`);
    conditions.push(`(${alternatives.join(' OR ')})`);
  }
  if (filters.uscc) conditions.push(`a.uscc LIKE ${p.add(`${escapeLike(filters.uscc.toUpperCase())}%`)}`);
  if (filters.region) conditions.push(regionPredicate('a.region_code', filters.region, p));
  if (filters.level) conditions.push(`a.level = ${p.add(filters.level)}`);
  if (filters.status) conditions.push(`a.status = ${p.add(filters.status)}`);
  if (filters.industry) conditions.push(`a.industry = ${p.add(filters.industry)}`);
  if (filters.organ) conditions.push(linkedToSubtreeSql(`code = ${p.add(filters.organ)}`));
  return conditions.join(' AND ');
}

function associationOrder(
  sort: TAssociationSort | undefined,
  q: string | undefined,
  mode: TMatchMode,
  p: Params,
): string {
  const term = q?.trim();
  if (!sort && term) {
    // Best match first: the exact name, then names starting with the words, then the most similar.
    const best = `(a.name = ${p.add(term)}) DESC, (a.name LIKE ${p.add(`${escapeLike(term)}%`)}) DESC`;
    return mode === 'fuzzy'
      ? `${best}, similarity(a.name, ${p.add(term)}) DESC, a.name COLLATE "C", a.uscc`
      : `${best}, length(a.name), a.name COLLATE "C", a.uscc`;
  }
  const key = sort ?? 'name';
  switch (key) {
    case 'name':
      return 'a.name COLLATE "C", a.uscc';
    case '-name':
      return 'a.name COLLATE "C" DESC, a.uscc DESC';
    case 'uscc':
      return 'a.uscc';
    case 'registeredOn':
      return 'a.registered_on, a.uscc';
    case '-registeredOn':
      return 'a.registered_on DESC NULLS LAST, a.uscc DESC';
    default:
      return assertUnreachable(key);
  }
}

/**
 * Matches are counted exactly up to this many; past it the total is the planner's estimate. Counting
 * every one of 100,000 matching rows costs more than the page itself, and nobody pages through more
 * than a thousand results: they narrow the search.
 */
export const EXACT_COUNT_LIMIT = 1_000;

type TMatchCount = { total: number; totalIsEstimate: boolean };

/** The planner's row estimate for a statement, as EXPLAIN reports it (JSON plan, top node). */
async function estimateRows(db: Queryable, sql: string, values: unknown[]): Promise<number> {
  const { rows } = await db.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
  const raw = rows[0] ? Object.values(rows[0])[0] : undefined;
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
  return Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0);
}

async function countAssociationMatches(
  db: Queryable,
  options: { scope: TRegistryScope; filters: TAssociationFilters; mode: TMatchMode; limit: number },
): Promise<TMatchCount> {
  const p = new Params();
  const where = associationWhere(options.scope, options.filters, p, options.mode);
  const { rows } = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total
     FROM (SELECT 1 FROM associations AS a WHERE ${where} LIMIT ${options.limit + 1}) AS m`,
    p.values,
  );
  const counted = rows[0]?.total ?? 0;
  if (counted <= options.limit) return { total: counted, totalIsEstimate: false };
  // More than the limit: never report fewer than were seen.
  const estimate = await estimateRows(db, `SELECT 1 FROM associations AS a WHERE ${where}`, p.values);
  return { total: Math.max(estimate, counted), totalIsEstimate: true };
}

/** Substring matches when there are any, else similar names; with the number of matches. */
async function resolveMatches(
  db: Queryable,
  scope: TRegistryScope,
  filters: TAssociationFilters,
  limit: number,
): Promise<{ mode: TMatchMode } & TMatchCount> {
  const substring = await countAssociationMatches(db, { scope, filters, mode: 'substring', limit });
  const q = filters.q?.trim();
  // A USCC is not a name: no similar names are sought for one.
  if (substring.total > 0 || !q || USCC_PREFIX.test(q.toUpperCase()))
    return { mode: 'substring', ...substring };
  return { mode: 'fuzzy', ...(await countAssociationMatches(db, { scope, filters, mode: 'fuzzy', limit })) };
}

export type TAssociationSummaryRow = {
  id: number;
  uscc: string;
  name: string;
  level: TLevel;
  regionCode: string;
  industry: string | null;
  status: TAssociationStatus;
  registeredOn: string | null;
  organs: { code: string; name: string }[];
};

const SUMMARY_COLUMNS = `a.id::int AS "id", a.uscc AS "uscc", a.name AS "name", a.level AS "level",
  a.region_code AS "regionCode", a.industry AS "industry", a.status AS "status",
  a.registered_on AS "registeredOn"`;

/**
 * The organs an association is linked to now, as a JSON array in the page's own statement: the
 * planner evaluates a costly output column only for the rows left after ORDER BY … LIMIT, so this
 * runs for the page alone and saves the page a second round trip.
 */
const CURRENT_ORGANS_COLUMN = `(SELECT coalesce(json_agg(json_build_object('code', x.code, 'name', x.name) ORDER BY x.code), '[]'::json)
   FROM (SELECT DISTINCT o.code, o.name FROM organ_links AS l JOIN organs AS o ON o.id = l.organ_id
         WHERE l.association_id = a.id AND l.ended_on IS NULL) AS x) AS "organs"`;

const INLINE_ORGANS_MAX_OFFSET = 200;

/** Adds to each association the organs it is linked to now (links without an end date). */
async function withCurrentOrgans(
  db: Queryable,
  rows: Omit<TAssociationSummaryRow, 'organs'>[],
): Promise<TAssociationSummaryRow[]> {
  if (rows.length === 0) return [];
  const { rows: links } = await db.query<{ associationId: number; code: string; name: string }>(
    `SELECT DISTINCT l.association_id::int AS "associationId", o.code AS "code", o.name AS "name"
     FROM organ_links AS l JOIN organs AS o ON o.id = l.organ_id
     WHERE l.association_id = ANY($1::bigint[]) AND l.ended_on IS NULL
     ORDER BY 1, 2`,
    [rows.map((r) => r.id)],
  );
  const byAssociation = new Map<number, { code: string; name: string }[]>();
  for (const link of links) {
    const list = byAssociation.get(link.associationId) ?? [];
    list.push({ code: link.code, name: link.name });
    byAssociation.set(link.associationId, list);
  }
  return rows.map((row) => ({ ...row, organs: byAssociation.get(row.id) ?? [] }));
}

export type SearchAssociationsOptions = {
  scope: TRegistryScope;
  filters: TAssociationFilters;
  sort?: TAssociationSort;
  page: number;
  pageSize: number;
};

/**
 * One page of the associations inside `scope` matching `filters`, and how many match in all: exact
 * up to `EXACT_COUNT_LIMIT`, past it the planner's estimate with `totalIsEstimate` set. A name query
 * matches by substring or USCC prefix, and by similarity only when nothing contains it.
 */
export async function searchAssociations(
  db: Queryable,
  options: SearchAssociationsOptions,
): Promise<{ rows: TAssociationSummaryRow[]; total: number; totalIsEstimate: boolean }> {
  const { mode, total, totalIsEstimate } = await resolveMatches(
    db,
    options.scope,
    options.filters,
    EXACT_COUNT_LIMIT,
  );
  if (total === 0 || (!totalIsEstimate && (options.page - 1) * options.pageSize >= total)) {
    return { rows: [], total, totalIsEstimate };
  }
  const rows = await selectAssociationPage(db, {
    ...options,
    mode,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { rows, total, totalIsEstimate };
}

async function selectAssociationPage(
  db: Queryable,
  options: Omit<SearchAssociationsOptions, 'page' | 'pageSize'> & {
    mode: TMatchMode;
    limit: number;
    offset: number;
  },
): Promise<TAssociationSummaryRow[]> {
  const p = new Params();
  const where = associationWhere(options.scope, options.filters, p, options.mode);
  const order = associationOrder(options.sort, options.filters.q, options.mode, p);
  // The rows an OFFSET skips pass through the output columns too: deep pages and export batches
  // fetch their organs in a second statement instead.
  const inline = options.offset <= INLINE_ORGANS_MAX_OFFSET;
  const { rows } = await db.query<TAssociationSummaryRow>(
    `SELECT ${SUMMARY_COLUMNS}${inline ? `, ${CURRENT_ORGANS_COLUMN}` : ''} FROM associations AS a WHERE ${where}
     ORDER BY ${order} LIMIT ${p.add(options.limit)} OFFSET ${p.add(options.offset)}`,
    p.values,
  );
  return inline ? rows : withCurrentOrgans(db, rows);
}

/**
 * Every association inside `scope` matching `filters` (as `searchAssociations` matches them), in
 * batches, for exports: memory stays flat whatever the number of rows.
 */
export async function* streamAssociations(
  db: Queryable,
  options: Omit<SearchAssociationsOptions, 'page' | 'pageSize'> & { batchSize?: number },
): AsyncGenerator<TAssociationSummaryRow[]> {
  const batchSize = options.batchSize ?? 2_000;
  // Only whether anything matches decides the mode; the export counts nothing else.
  const { mode, total } = await resolveMatches(db, options.scope, options.filters, 0);
  if (total === 0) return;
  for (let offset = 0; ; offset += batchSize) {
    const rows = await selectAssociationPage(db, { ...options, mode, limit: batchSize, offset });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

export type TAssociationRow = {
  id: number;
  uscc: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  level: TLevel;
  regionCode: string;
  industry: string | null;
  registrar: string | null;
  foundedOn: string | null;
  registeredOn: string | null;
  status: TAssociationStatus;
  address: string | null;
  phone: string | null;
  bankAccount: string | null;
  memberCount: number | null;
  createdAt: string;
  updatedAt: string;
};

export async function findAssociationByUscc(
  db: Queryable,
  uscc: string,
): Promise<TAssociationRow | undefined> {
  const { rows } = await db.query<TAssociationRow>(
    `SELECT id::int AS "id", uscc, name, name_en AS "nameEn", short_name AS "shortName", level,
            region_code AS "regionCode", industry, registrar, founded_on AS "foundedOn",
            registered_on AS "registeredOn", status, address, phone, bank_account AS "bankAccount",
            member_count AS "memberCount", created_at AS "createdAt", updated_at AS "updatedAt"
     FROM associations WHERE uscc = $1`,
    [uscc],
  );
  return rows[0];
}

export async function isAssociationInScope(
  db: Queryable,
  options: { associationId: number; scope: TRegistryScope },
): Promise<boolean> {
  const p = new Params();
  const predicate = associationScopePredicate(options.scope, p);
  const { rows } = await db.query(
    `SELECT 1 FROM associations AS a WHERE a.id = ${p.add(options.associationId)} AND ${predicate}`,
    p.values,
  );
  return rows.length > 0;
}

export type TLinkRow = {
  organCode: string;
  organName: string;
  organKind: TOrganKind;
  organIsAdministrative: boolean;
  parentCode: string | null;
  parentName: string | null;
  kind: TLinkKind;
  startedOn: string;
  endedOn: string | null;
};

/** All links of an association, current ones first, then by start date. */
export async function listAssociationLinks(db: Queryable, associationId: number): Promise<TLinkRow[]> {
  const { rows } = await db.query<TLinkRow>(
    `SELECT o.code AS "organCode", o.name AS "organName", o.kind AS "organKind",
            o.is_administrative AS "organIsAdministrative", p.code AS "parentCode", p.name AS "parentName",
            l.kind AS "kind", l.started_on AS "startedOn", l.ended_on AS "endedOn"
     FROM organ_links AS l
     JOIN organs AS o ON o.id = l.organ_id
     LEFT JOIN organs AS p ON p.id = o.parent_id
     WHERE l.association_id = $1
     ORDER BY (l.ended_on IS NULL) DESC, l.started_on DESC, o.code, l.kind`,
    [associationId],
  );
  return rows;
}

export type TPostRow = {
  id: number;
  role: TPostRole;
  branchName: string | null;
  startedOn: string;
  endedOn: string | null;
  termNumber: number | null;
  remunerated: boolean | null;
  approvalRef: string | null;
  personId: number;
  personName: string;
  personSex: 'male' | 'female' | null;
  personBirthYear: number | null;
  personIdMasked: string | null;
};

/** The posts of an association with their holders (masked IDs only), serving posts first. */
export async function listAssociationPosts(db: Queryable, associationId: number): Promise<TPostRow[]> {
  const { rows } = await db.query<TPostRow>(
    `SELECT po.id::int AS "id", po.role AS "role", po.branch_name AS "branchName",
            po.started_on AS "startedOn", po.ended_on AS "endedOn", po.term_number AS "termNumber",
            po.remunerated AS "remunerated", po.approval_ref AS "approvalRef",
            pe.id::int AS "personId", pe.name AS "personName", pe.sex AS "personSex",
            extract(year FROM pe.birth_date)::int AS "personBirthYear", pe.id_masked AS "personIdMasked"
     FROM posts AS po JOIN persons AS pe ON pe.id = po.person_id
     WHERE po.association_id = $1
     ORDER BY (po.ended_on IS NULL) DESC, po.started_on DESC, po.id`,
    [associationId],
  );
  return rows;
}

export async function findPersonCipher(
  db: Queryable,
  personId: number,
): Promise<{ id: number; idCipher: string | null } | undefined> {
  const { rows } = await db.query<{ id: number; idCipher: string | null }>(
    'SELECT id::int AS "id", id_cipher AS "idCipher" FROM persons WHERE id = $1',
    [personId],
  );
  return rows[0];
}

/** A person is inside a scope when any association they ever held a post in is. */
export async function isPersonInScope(
  db: Queryable,
  options: { personId: number; scope: TRegistryScope },
): Promise<boolean> {
  const p = new Params();
  const predicate = associationScopePredicate(options.scope, p);
  const { rows } = await db.query(
    `SELECT 1 FROM posts AS po JOIN associations AS a ON a.id = po.association_id
     WHERE po.person_id = ${p.add(options.personId)} AND ${predicate} LIMIT 1`,
    p.values,
  );
  return rows.length > 0;
}

export type TOrganSummaryRow = {
  id: number;
  code: string;
  name: string;
  kind: TOrganKind;
  isAdministrative: boolean;
  level: TLevel;
  regionCode: string;
  parentCode: string | null;
  /** Associations linked to this organ now (links without an end date). */
  associationCount: number;
};

const ORGAN_SUMMARY_COLUMNS = `o.id::int AS "id", o.code AS "code", o.name AS "name", o.kind AS "kind",
  o.is_administrative AS "isAdministrative", o.level AS "level", o.region_code AS "regionCode",
  p.code AS "parentCode",
  (SELECT count(DISTINCT l.association_id)::int FROM organ_links AS l
   WHERE l.organ_id = o.id AND l.ended_on IS NULL) AS "associationCount"`;

export type SearchOrgansOptions = { scope: TRegistryScope; q?: string; page: number; pageSize: number };

/** One page of organs inside `scope` whose name contains `q` or whose code starts with it. */
export async function searchOrgans(
  db: Queryable,
  options: SearchOrgansOptions,
): Promise<{ rows: TOrganSummaryRow[]; total: number }> {
  const p = new Params();
  const conditions = [organScopePredicate(options.scope, p)];
  const q = options.q?.trim();
  if (q) {
    conditions.push(
      `(o.name LIKE ${p.add(`%${escapeLike(q)}%`)} OR o.code LIKE ${p.add(`${escapeLike(q.toUpperCase())}%`)})`,
    );
  }
  const where = conditions.join(' AND ');
  const { rows: counted } = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM organs AS o WHERE ${where}`,
    p.values,
  );
  const total = counted[0]?.total ?? 0;
  const limit = p.add(options.pageSize);
  const offset = p.add((options.page - 1) * options.pageSize);
  const { rows } = await db.query<TOrganSummaryRow>(
    `SELECT ${ORGAN_SUMMARY_COLUMNS}
     FROM organs AS o LEFT JOIN organs AS p ON p.id = o.parent_id
     WHERE ${where}
     ORDER BY CASE o.level WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 ELSE 3 END,
              o.region_code, o.code
     LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { rows, total };
}

export type TOrganRow = {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: TOrganKind;
  isAdministrative: boolean;
  level: TLevel;
  regionCode: string;
  parentCode: string | null;
  parentName: string | null;
  address: string | null;
  phone: string | null;
};

export async function findOrganByCode(db: Queryable, code: string): Promise<TOrganRow | undefined> {
  const { rows } = await db.query<TOrganRow>(
    `SELECT o.id::int AS "id", o.code AS "code", o.name AS "name", o.short_name AS "shortName",
            o.kind AS "kind", o.is_administrative AS "isAdministrative", o.level AS "level",
            o.region_code AS "regionCode", p.code AS "parentCode", p.name AS "parentName",
            o.address AS "address", o.phone AS "phone"
     FROM organs AS o LEFT JOIN organs AS p ON p.id = o.parent_id
     WHERE o.code = $1`,
    [code],
  );
  return rows[0];
}

export async function isOrganInScope(
  db: Queryable,
  options: { organId: number; scope: TRegistryScope },
): Promise<boolean> {
  const p = new Params();
  const predicate = organScopePredicate(options.scope, p);
  const { rows } = await db.query(
    `SELECT 1 FROM organs AS o WHERE o.id = ${p.add(options.organId)} AND ${predicate}`,
    p.values,
  );
  return rows.length > 0;
}

/** The units directly below an organ. */
export async function listOrganChildren(db: Queryable, organId: number): Promise<TOrganSummaryRow[]> {
  const { rows } = await db.query<TOrganSummaryRow>(
    `SELECT ${ORGAN_SUMMARY_COLUMNS}
     FROM organs AS o LEFT JOIN organs AS p ON p.id = o.parent_id
     WHERE o.parent_id = $1 ORDER BY o.code`,
    [organId],
  );
  return rows;
}

/** The associations ever linked directly to an organ, inside `scope`, by name. */
export async function listOrganAssociations(
  db: Queryable,
  options: { organId: number; scope: TRegistryScope },
): Promise<TAssociationSummaryRow[]> {
  const p = new Params();
  const predicate = associationScopePredicate(options.scope, p);
  const { rows } = await db.query<Omit<TAssociationSummaryRow, 'organs'>>(
    `SELECT ${SUMMARY_COLUMNS} FROM associations AS a
     WHERE a.id IN (SELECT l.association_id FROM organ_links AS l WHERE l.organ_id = ${p.add(options.organId)})
       AND ${predicate}
     ORDER BY a.name COLLATE "C", a.uscc`,
    p.values,
  );
  return withCurrentOrgans(db, rows);
}

export type TPublicLinkRow = {
  code: string;
  name: string;
  kind: TLinkKind;
  startedOn: string;
  endedOn: string | null;
};

/** The organs an association has been linked to, for the public record of its decoupling. */
export async function listPublicLinks(db: Queryable, associationId: number): Promise<TPublicLinkRow[]> {
  const { rows } = await db.query<TPublicLinkRow>(
    `SELECT o.code AS "code", o.name AS "name", l.kind AS "kind", l.started_on AS "startedOn",
            l.ended_on AS "endedOn"
     FROM organ_links AS l JOIN organs AS o ON o.id = l.organ_id
     WHERE l.association_id = $1
     ORDER BY l.started_on, o.code, l.kind`,
    [associationId],
  );
  return rows;
}

export type TRegistrySummary = {
  total: number;
  byStatus: Record<TAssociationStatus, number>;
  byLevel: Record<TLevel, number>;
};

/**
 * Exact counts of the associations inside a scope, by status and by level, in one pass: the numbers
 * a home page shows as facts (the search's totals turn into estimates past a thousand matches).
 */
export async function summarizeAssociations(db: Queryable, scope: TRegistryScope): Promise<TRegistrySummary> {
  const p = new Params();
  const { rows } = await db.query<{ status: TAssociationStatus; level: TLevel; n: number }>(
    `SELECT a.status, a.level, count(*)::int AS n FROM associations AS a
     WHERE ${associationScopePredicate(scope, p)} GROUP BY a.status, a.level`,
    p.values,
  );
  const summary: TRegistrySummary = {
    total: 0,
    byStatus: Object.fromEntries(ASSOCIATION_STATUSES.map((s) => [s, 0])) as Record<
      TAssociationStatus,
      number
    >,
    byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<TLevel, number>,
  };
  for (const row of rows) {
    summary.total += row.n;
    summary.byStatus[row.status] += row.n;
    summary.byLevel[row.level] += row.n;
  }
  return summary;
}

export async function countAssociations(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM associations');
  return rows[0]?.n ?? 0;
}

/**
 * The top-level national administrative organ with the most associations ever linked to it or to a
 * unit below it; the organ a demonstration account is best scoped to.
 */
export async function findBusiestNationalOrgan(
  db: Queryable,
): Promise<{ id: number; code: string; name: string } | undefined> {
  const { rows } = await db.query<{ id: number; code: string; name: string }>(
    `WITH RECURSIVE tree(root_id, id) AS (
       SELECT id, id FROM organs WHERE level = 'national' AND is_administrative AND parent_id IS NULL
       UNION SELECT t.root_id, c.id FROM organs AS c JOIN tree AS t ON c.parent_id = t.id)
     SELECT o.id::int AS "id", o.code AS "code", o.name AS "name"
     FROM tree AS t JOIN organ_links AS l ON l.organ_id = t.id JOIN organs AS o ON o.id = t.root_id
     GROUP BY o.id, o.code, o.name
     ORDER BY count(DISTINCT l.association_id) DESC, o.code
     LIMIT 1`,
  );
  return rows[0];
}

/** The active association with the most posts, preferring one inside `scope`. */
export async function findBusiestAssociation(
  db: Queryable,
  scope: TRegistryScope,
): Promise<{ id: number; uscc: string; name: string } | undefined> {
  const p = new Params();
  const predicate = associationScopePredicate(scope, p);
  const { rows } = await db.query<{ id: number; uscc: string; name: string }>(
    `SELECT a.id::int AS "id", a.uscc AS "uscc", a.name AS "name"
     FROM associations AS a
     WHERE a.status = 'active'
     ORDER BY CASE WHEN ${predicate} THEN 0 ELSE 1 END, (SELECT count(*) FROM posts AS po WHERE po.association_id = a.id) DESC, a.uscc
     LIMIT 1`,
    p.values,
  );
  return rows[0];
}
