import type { TAssociationStatus, TLevel } from '../../src/core/registry/types.ts';
import type { Queryable } from '../../src/db/database.ts';

/**
 * The registry search as it was before bounded counts, the bigram index and the single-statement
 * page (a frozen copy of the search path only), so the benchmark can run it beside the current one
 * in the same process, on the same database, under the same load.
 *
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

function associationScopePredicate(scope: TRegistryScope, p: Params): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'region':
      return regionPredicate('a.region_code', scope.regionCode, p);
    case 'organ':
      return `a.id IN (SELECT l.association_id FROM organ_links AS l
                       WHERE l.organ_id IN ${organSubtreeSql(`id = ${p.add(scope.organId)}`)})`;
    case 'association':
      return `a.id = ${p.add(scope.associationId)}`;
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
    const alternatives = [`a.name LIKE ${p.add(`%${escapeLike(q)}%`)}`];
    const upper = q.toUpperCase();
    if (USCC_PREFIX.test(upper)) alternatives.push(`a.uscc LIKE ${p.add(`${upper}%`)}`);
    conditions.push(`(${alternatives.join(' OR ')})`);
  }
  if (filters.uscc) conditions.push(`a.uscc LIKE ${p.add(`${escapeLike(filters.uscc.toUpperCase())}%`)}`);
  if (filters.region) conditions.push(regionPredicate('a.region_code', filters.region, p));
  if (filters.level) conditions.push(`a.level = ${p.add(filters.level)}`);
  if (filters.status) conditions.push(`a.status = ${p.add(filters.status)}`);
  if (filters.industry) conditions.push(`a.industry = ${p.add(filters.industry)}`);
  if (filters.organ) {
    conditions.push(`a.id IN (SELECT l.association_id FROM organ_links AS l
                              WHERE l.organ_id IN ${organSubtreeSql(`code = ${p.add(filters.organ)}`)})`);
  }
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

async function countAssociationMatches(
  db: Queryable,
  scope: TRegistryScope,
  filters: TAssociationFilters,
  mode: TMatchMode,
): Promise<number> {
  const p = new Params();
  const where = associationWhere(scope, filters, p, mode);
  const { rows } = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM associations AS a WHERE ${where}`,
    p.values,
  );
  return rows[0]?.total ?? 0;
}

/** Substring matches when there are any, else similar names; with the number of matches. */
async function resolveMatches(
  db: Queryable,
  scope: TRegistryScope,
  filters: TAssociationFilters,
): Promise<{ mode: TMatchMode; total: number }> {
  const total = await countAssociationMatches(db, scope, filters, 'substring');
  const q = filters.q?.trim();
  // A USCC is not a name: no similar names are sought for one.
  if (total > 0 || !q || USCC_PREFIX.test(q.toUpperCase())) return { mode: 'substring', total };
  return { mode: 'fuzzy', total: await countAssociationMatches(db, scope, filters, 'fuzzy') };
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
 * One page of the associations inside `scope` matching `filters`, and how many match in all. A name
 * query matches by substring or USCC prefix, and by similarity only when nothing contains it.
 */
export async function searchAssociations(
  db: Queryable,
  options: SearchAssociationsOptions,
): Promise<{ rows: TAssociationSummaryRow[]; total: number }> {
  const { mode, total } = await resolveMatches(db, options.scope, options.filters);
  if (total === 0 || (options.page - 1) * options.pageSize >= total) return { rows: [], total };
  const rows = await selectAssociationPage(db, {
    ...options,
    mode,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { rows, total };
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
  const { rows } = await db.query<Omit<TAssociationSummaryRow, 'organs'>>(
    `SELECT ${SUMMARY_COLUMNS} FROM associations AS a WHERE ${where}
     ORDER BY ${order} LIMIT ${p.add(options.limit)} OFFSET ${p.add(options.offset)}`,
    p.values,
  );
  return withCurrentOrgans(db, rows);
}
