import * as crypto from 'node:crypto';
import type { TFindingStatus } from '../../core/findings/workflow.ts';
import type { TFinding } from '../../core/policy/types.ts';
import type { Queryable } from '../database.ts';
import { regionCodeRange, type TRegistryScope } from './registry-read.repository.ts';

/**
 * Screening runs, their findings and the findings' workflow events. Findings are keyed by their
 * fingerprint: a run upserts what it found (new ones inserted, persisting ones get the run as last
 * seen) and marks as resolved the earlier findings of its associations that it no longer found.
 */

export type TRunStatus = 'running' | 'completed' | 'failed';

export type TRunCounts = {
  associations: number;
  findings: number;
  newFindings: number;
  persistingFindings: number;
  resolvedFindings: number;
};

export type TScreeningRunRow = TRunCounts & {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  asOf: string;
  scope: Record<string, unknown>;
  status: TRunStatus;
  actorLabel: string;
  error: string | null;
};

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function regionPredicate(column: string, code: string, p: Params): string {
  const range = regionCodeRange(code);
  if (!range) return 'TRUE';
  return `(${column} BETWEEN ${p.add(range.low)} AND ${p.add(range.high)})`;
}

function organSubtreeSql(seed: string): string {
  return `(WITH RECURSIVE sub(id) AS (
            SELECT id FROM organs WHERE ${seed}
            UNION SELECT c.id FROM organs AS c JOIN sub ON c.parent_id = sub.id)
          SELECT id FROM sub)`;
}

/** SQL predicate on `a` (associations) for a jurisdiction, as the registry reads it. */
export function associationScopeSql(scope: TRegistryScope, p: { add(value: unknown): string }): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'region':
      return regionPredicate('a.region_code', scope.regionCode, p as Params);
    case 'organ':
      return `a.id IN (SELECT l.association_id FROM organ_links AS l
                       WHERE l.organ_id IN ${organSubtreeSql(`id = ${p.add(scope.organId)}`)})`;
    case 'association':
      return `a.id = ${p.add(scope.associationId)}`;
    default: {
      const never: never = scope;
      throw new Error(`unhandled scope ${JSON.stringify(never)}`);
    }
  }
}

/** Database ids of the associations in a jurisdiction, ascending. */
export async function listAssociationIds(q: Queryable, scope: TRegistryScope): Promise<number[]> {
  const p = new Params();
  const { rows } = await q.query<{ id: number }>(
    `SELECT a.id FROM associations AS a WHERE ${associationScopeSql(scope, p)} ORDER BY a.id`,
    p.values,
  );
  return rows.map((r) => Number(r.id));
}

const RUN_COLUMNS = `id, started_at AS "startedAt", finished_at AS "finishedAt", as_of AS "asOf", scope, status,
  actor_label AS "actorLabel", associations, findings, new_findings AS "newFindings",
  persisting_findings AS "persistingFindings", resolved_findings AS "resolvedFindings", error`;

/**
 * Starts a run row (status `running`) and returns its id, or `null` when another run is running
 * (one running run at most, by a unique index).
 */
export async function insertRun(
  q: Queryable,
  options: { asOf: string; scope: TRegistryScope; actorLabel: string; startedAt: string },
): Promise<number | null> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO screening_runs (started_at, as_of, scope, status, actor_label)
     VALUES ($1, $2, $3::jsonb, 'running', $4)
     ON CONFLICT ((true)) WHERE status = 'running' DO NOTHING RETURNING id`,
    [options.startedAt, options.asOf, JSON.stringify(options.scope), options.actorLabel],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/** The id of the run that is running, if any. */
export async function findRunningRunId(q: Queryable): Promise<number | null> {
  const { rows } = await q.query<{ id: number }>(`SELECT id FROM screening_runs WHERE status = 'running'`);
  return rows[0] ? Number(rows[0].id) : null;
}

/** Closes a run as failed with its error; the counts stay zero, as nothing of it was kept. */
export async function failRun(q: Queryable, options: { id: number; error: string }): Promise<void> {
  await q.query(
    `UPDATE screening_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 AND status = 'running'`,
    [options.id, options.error],
  );
}

/** Closes a run with its status and counts. */
export async function finishRun(
  q: Queryable,
  options: { id: number; status: TRunStatus; counts: TRunCounts; error?: string | null },
): Promise<void> {
  const { counts } = options;
  await q.query(
    `UPDATE screening_runs SET status = $2, finished_at = now(), associations = $3, findings = $4,
       new_findings = $5, persisting_findings = $6, resolved_findings = $7, error = $8
     WHERE id = $1`,
    [
      options.id,
      options.status,
      counts.associations,
      counts.findings,
      counts.newFindings,
      counts.persistingFindings,
      counts.resolvedFindings,
      options.error ?? null,
    ],
  );
}

/** Runs, newest first. */
export async function listRuns(
  q: Queryable,
  options: { page: number; pageSize: number },
): Promise<{ rows: TScreeningRunRow[]; total: number }> {
  const { rows } = await q.query<TScreeningRunRow>(
    `SELECT ${RUN_COLUMNS} FROM screening_runs ORDER BY id DESC LIMIT $1 OFFSET $2`,
    [options.pageSize, (options.page - 1) * options.pageSize],
  );
  const total = await q.query<{ n: number }>('SELECT count(*) AS n FROM screening_runs');
  return { rows: rows.map(normaliseRun), total: Number(total.rows[0]!.n) };
}

/** One run by id. */
export async function findRun(q: Queryable, id: number): Promise<TScreeningRunRow | undefined> {
  const { rows } = await q.query<TScreeningRunRow>(
    `SELECT ${RUN_COLUMNS} FROM screening_runs WHERE id = $1`,
    [id],
  );
  return rows[0] ? normaliseRun(rows[0]) : undefined;
}

function normaliseRun(row: TScreeningRunRow): TScreeningRunRow {
  return { ...row, id: Number(row.id) };
}

/** A finding of the engine with the database id of its association. */
export type TFindingToStore = { associationId: number; finding: TFinding };

/**
 * SHA-1 of a text, base64. The one-shot digest (Node 20.12 and later) costs about half of a hash
 * object per call, and a screening hashes every finding it finds; earlier versions use the object.
 */
const sha1Base64: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) =>
        (crypto as unknown as { hash: (a: string, d: string, e: string) => string }).hash(
          'sha1',
          text,
          'base64',
        )
    : (text) => crypto.createHash('sha1').update(text).digest('base64');

/** Digest of everything a finding states besides its identity, to tell a changed finding from the same one. */
export function findingContentHash(finding: TFinding): string {
  return sha1Base64(
    JSON.stringify([
      finding.severity,
      finding.packId,
      finding.packVersion,
      finding.facts,
      finding.clause,
      finding.explanationZh,
      finding.explanationEn,
      finding.arisenOn,
      finding.dueOn,
    ]),
  );
}

/** A finding as a row of `findings`, keyed by column name (what `json_to_recordset` reads). */
type TFindingWrite = {
  id?: number;
  fingerprint: string;
  rule_id: string;
  family: string;
  severity: string;
  pack_id: string;
  pack_version: string;
  association_id: number;
  subject_type: string;
  subject_id: string;
  aspect: string | null;
  facts: TFinding['facts'];
  clause: string;
  explanation_zh: string;
  explanation_en: string;
  arisen_on: string | null;
  due_on: string | null;
  content_hash: string;
};

const FULL_COLUMNS = [
  ['fingerprint', 'text'],
  ['rule_id', 'text'],
  ['family', 'text'],
  ['severity', 'text'],
  ['pack_id', 'text'],
  ['pack_version', 'text'],
  ['association_id', 'bigint'],
  ['subject_type', 'text'],
  ['subject_id', 'text'],
  ['aspect', 'text'],
  ['facts', 'jsonb'],
  ['clause', 'text'],
  ['explanation_zh', 'text'],
  ['explanation_en', 'text'],
  ['arisen_on', 'date'],
  ['due_on', 'date'],
  ['content_hash', 'text'],
] as const satisfies readonly (readonly [keyof TFindingWrite, string])[];

function findingRow(item: TFindingToStore, hash: string): TFindingWrite {
  const f = item.finding;
  return {
    fingerprint: f.fingerprint,
    rule_id: f.ruleId,
    family: f.family,
    severity: f.severity,
    pack_id: f.packId,
    pack_version: f.packVersion,
    association_id: item.associationId,
    subject_type: f.subject.type,
    subject_id: f.subject.id,
    aspect: f.aspect,
    facts: f.facts,
    clause: f.clause,
    explanation_zh: f.explanationZh,
    explanation_en: f.explanationEn,
    arisen_on: f.arisenOn,
    due_on: f.dueOn,
    content_hash: hash,
  };
}

/** The rows of a JSON parameter, typed column by column. */
const rowsOf = (param: string, extra: readonly (readonly [string, string])[] = []) =>
  `json_to_recordset(${param}::json) AS u(${[...extra, ...FULL_COLUMNS].map(([name, type]) => `${name} ${type}`).join(', ')})`;

/**
 * What a run changes in the stored findings of a set of associations. The rows to write travel as
 * one JSON text each (made where the diff runs, in a worker thread on large runs): the writer sends it
 * as it is, instead of turning tens of thousands of findings into seventeen array parameters.
 */
export type TFindingChanges = {
  /** Findings not stored yet: JSON array of rows. */
  fresh: string;
  freshCount: number;
  /** Stored findings whose content changed or that had been resolved: JSON array of rows with their ids. */
  changed: string;
  changedCount: number;
  /** Stored findings found again unchanged: nothing to write. */
  same: number;
  /** Of `changed`, those that had been resolved. */
  reappeared: number;
  /** Ids of unresolved stored findings the run no longer found. */
  gone: number[];
};

/** A stored finding as `readStoredFindingsJson` gives it: fingerprint, id, content hash, resolved. */
export type TStoredFindingKey = [string, number, string, boolean];

/**
 * Diffs what a run found for a set of associations against what is stored for them, by fingerprint
 * and content hash. Pure: the screening runs it beside the rules, in worker threads on large runs.
 */
export function diffFindings(
  stored: readonly TStoredFindingKey[],
  items: readonly TFindingToStore[],
): TFindingChanges {
  const known = new Map<string, { id: number; hash: string; resolved: boolean }>();
  for (const [fingerprint, id, hash, resolved] of stored) known.set(fingerprint, { id, hash, resolved });
  const fresh: TFindingWrite[] = [];
  const changed: TFindingWrite[] = [];
  let same = 0;
  let reappeared = 0;
  const seen = new Set<string>();
  for (const item of items) {
    const hash = findingContentHash(item.finding);
    seen.add(item.finding.fingerprint);
    const existing = known.get(item.finding.fingerprint);
    if (!existing) fresh.push(findingRow(item, hash));
    else if (existing.hash !== hash || existing.resolved) {
      changed.push({ id: existing.id, ...findingRow(item, hash) });
      if (existing.resolved) reappeared += 1;
    } else same += 1;
  }
  const gone: number[] = [];
  for (const [fingerprint, k] of known) if (!k.resolved && !seen.has(fingerprint)) gone.push(k.id);
  return {
    fresh: JSON.stringify(fresh),
    freshCount: fresh.length,
    changed: JSON.stringify(changed),
    changedCount: changed.length,
    same,
    reappeared,
    gone,
  };
}

/**
 * The stored findings of a set of associations as JSON text of `TStoredFindingKey`s: one round trip
 * and one parse, what a run needs to tell new, changed, persisting and gone findings apart. Ids that
 * fill their range are read by the range (an index range scan) and joined to the list.
 */
export async function readStoredFindingsJson(q: Queryable, ids: readonly number[]): Promise<string> {
  if (ids.length === 0) return '[]';
  const dense = ids[ids.length - 1]! - ids[0]! + 1 <= ids.length * 2;
  const { rows } = await q.query<{ j: string }>(
    `SELECT coalesce(json_agg(json_build_array(f.fingerprint, f.id, f.content_hash, f.resolved_run_id IS NOT NULL)), '[]')::text AS j
     FROM findings AS f
     WHERE ${dense ? 'f.association_id BETWEEN $2 AND $3 AND ' : ''}f.association_id IN (SELECT unnest($1::bigint[]))`,
    dense ? [ids, ids[0], ids[ids.length - 1]] : [ids],
  );
  return rows[0]!.j;
}

/**
 * Writes a run's changes for a set of associations: new findings inserted as `open` with the run as
 * first and last seen; changed ones and ones that had been resolved rewritten, losing the
 * resolution; gone ones resolved; unchanged ones left as they are (the association's screening row
 * written last makes them seen by this run).
 */
export async function writeFindingChanges(
  tx: Queryable,
  options: {
    runId: number;
    asOf: string;
    changes: TFindingChanges;
    /** Every association the run screened in this batch, also those without findings. */
    associationIds: readonly number[];
  },
): Promise<void> {
  const { changes } = options;
  if (changes.freshCount > 0) {
    await tx.query(
      `INSERT INTO findings (${FULL_COLUMNS.map(([name]) => name).join(', ')},
         first_seen_run_id, first_seen_on, last_seen_run_id, last_seen_on)
       SELECT ${FULL_COLUMNS.map(([name]) => `u.${name}`).join(', ')}, $2, $3, $2, $3
       FROM ${rowsOf('$1')}`,
      [changes.fresh, options.runId, options.asOf],
    );
  }
  if (changes.changedCount > 0) {
    await tx.query(
      `UPDATE findings AS t SET severity = u.severity, pack_id = u.pack_id, pack_version = u.pack_version,
         facts = u.facts, clause = u.clause, explanation_zh = u.explanation_zh,
         explanation_en = u.explanation_en, arisen_on = u.arisen_on, due_on = u.due_on,
         content_hash = u.content_hash, last_seen_run_id = $2, last_seen_on = $3,
         resolved_run_id = NULL, resolved_on = NULL, updated_at = now()
       FROM ${rowsOf('$1', [['id', 'bigint']])}
       WHERE t.id = u.id`,
      [changes.changed, options.runId, options.asOf],
    );
  }
  // Unresolved findings this run no longer sees are resolved; their last sighting is the previous
  // run of their association, read before this run's own sighting is recorded below.
  if (changes.gone.length > 0) {
    await tx.query(
      `UPDATE findings AS f SET resolved_run_id = $1, resolved_on = $2,
         last_seen_run_id = COALESCE(s.run_id, f.last_seen_run_id),
         last_seen_on = COALESCE(s.screened_on, f.last_seen_on), updated_at = now()
       FROM findings AS g LEFT JOIN association_screenings AS s ON s.association_id = g.association_id
       WHERE g.id = f.id AND f.id = ANY($3::bigint[])`,
      [options.runId, options.asOf, changes.gone],
    );
  }
  await tx.query(
    `INSERT INTO association_screenings (association_id, run_id, screened_on)
     SELECT a, $2, $3 FROM unnest($1::bigint[]) AS a
     ON CONFLICT (association_id) DO UPDATE SET run_id = EXCLUDED.run_id, screened_on = EXCLUDED.screened_on`,
    [options.associationIds, options.runId, options.asOf],
  );
}

/** How a run's changes count: a finding back after a run that had resolved it is new to this run. */
export function countFindingChanges(changes: TFindingChanges): {
  inserted: number;
  persisting: number;
  resolved: number;
} {
  return {
    inserted: changes.freshCount + changes.reappeared,
    persisting: changes.changedCount - changes.reappeared + changes.same,
    resolved: changes.gone.length,
  };
}

/**
 * Stores the findings a run found for a set of associations, diffing by fingerprint against what is
 * stored for them (see `diffFindings` and `writeFindingChanges`). Returns how many were new (or back
 * after a resolution), how many persisted and how many were resolved.
 */
export async function storeFindings(
  tx: Queryable,
  options: {
    runId: number;
    asOf: string;
    items: readonly TFindingToStore[];
    /** Every association the run screened in this batch, also those without findings. */
    associationIds: readonly number[];
  },
): Promise<{ inserted: number; persisting: number; resolved: number }> {
  const { associationIds } = options;
  if (associationIds.length === 0) return { inserted: 0, persisting: 0, resolved: 0 };
  const stored = JSON.parse(await readStoredFindingsJson(tx, associationIds)) as TStoredFindingKey[];
  const changes = diffFindings(stored, options.items);
  await writeFindingChanges(tx, { runId: options.runId, asOf: options.asOf, changes, associationIds });
  return countFindingChanges(changes);
}

export type TFindingFilters = {
  rule?: string;
  family?: string;
  severity?: string;
  /** Organ code: findings of associations ever linked to it or a unit below it. */
  organ?: string;
  region?: string;
  status?: TFindingStatus;
  /** USCC of the association. */
  association?: string;
  /** Also list findings a later run no longer found. */
  includeResolved?: boolean;
};

export type TFindingRow = {
  id: number;
  fingerprint: string;
  ruleId: string;
  family: string;
  severity: string;
  packId: string;
  packVersion: string;
  uscc: string;
  associationName: string;
  regionCode: string;
  subjectType: string;
  subjectId: string;
  aspect: string | null;
  facts: Record<string, unknown>;
  clause: string;
  explanationZh: string;
  explanationEn: string;
  arisenOn: string | null;
  dueOn: string | null;
  firstSeenRunId: number;
  firstSeenOn: string;
  lastSeenRunId: number;
  lastSeenOn: string;
  resolvedRunId: number | null;
  resolvedOn: string | null;
  status: TFindingStatus;
  deadline: string | null;
};

const FINDING_COLUMNS = `f.id, f.fingerprint, f.rule_id AS "ruleId", f.family, f.severity, f.pack_id AS "packId",
  f.pack_version AS "packVersion", a.uscc, a.name AS "associationName", a.region_code AS "regionCode",
  f.subject_type AS "subjectType", f.subject_id AS "subjectId", f.aspect, f.facts, f.clause,
  f.explanation_zh AS "explanationZh", f.explanation_en AS "explanationEn", f.arisen_on AS "arisenOn",
  f.due_on AS "dueOn", f.first_seen_run_id AS "firstSeenRunId", f.first_seen_on AS "firstSeenOn",
  CASE WHEN f.resolved_run_id IS NULL THEN COALESCE(s.run_id, f.last_seen_run_id) ELSE f.last_seen_run_id END
    AS "lastSeenRunId",
  CASE WHEN f.resolved_run_id IS NULL THEN COALESCE(s.screened_on, f.last_seen_on) ELSE f.last_seen_on END
    AS "lastSeenOn",
  f.resolved_run_id AS "resolvedRunId",
  f.resolved_on AS "resolvedOn", f.status, f.deadline`;

/** Findings with their association and the association's last screening (the last sighting of an open finding). */
const FINDINGS_FROM = `findings AS f JOIN associations AS a ON a.id = f.association_id
  LEFT JOIN association_screenings AS s ON s.association_id = f.association_id`;

function normaliseFinding(row: TFindingRow): TFindingRow {
  return {
    ...row,
    id: Number(row.id),
    uscc: row.uscc.trimEnd(),
    regionCode: row.regionCode.trimEnd(),
    facts: typeof row.facts === 'string' ? (JSON.parse(row.facts) as Record<string, unknown>) : row.facts,
    firstSeenRunId: Number(row.firstSeenRunId),
    lastSeenRunId: Number(row.lastSeenRunId),
    resolvedRunId: row.resolvedRunId === null ? null : Number(row.resolvedRunId),
  };
}

function findingWhere(scope: TRegistryScope, filters: TFindingFilters, p: Params): string {
  const where = [associationScopeSql(scope, p)];
  if (!filters.includeResolved) where.push('f.resolved_run_id IS NULL');
  if (filters.rule) where.push(`f.rule_id = ${p.add(filters.rule)}`);
  if (filters.family) where.push(`f.family = ${p.add(filters.family)}`);
  if (filters.severity) where.push(`f.severity = ${p.add(filters.severity)}`);
  if (filters.status) where.push(`f.status = ${p.add(filters.status)}`);
  if (filters.association) where.push(`a.uscc = ${p.add(filters.association)}::bpchar`);
  if (filters.region) where.push(regionPredicate('a.region_code', filters.region, p));
  if (filters.organ)
    where.push(`a.id IN (SELECT l.association_id FROM organ_links AS l
                 WHERE l.organ_id IN ${organSubtreeSql(`code = ${p.add(filters.organ)}`)})`);
  return where.join(' AND ');
}

/** Sort keys of the findings list; a leading `-` sorts descending. */
export const FINDING_SORTS = [
  'severity',
  '-severity',
  'rule',
  '-rule',
  'association',
  '-association',
  'openedOn',
  '-openedOn',
  'status',
  '-status',
] as const;
export type TFindingSort = (typeof FINDING_SORTS)[number];

/**
 * ORDER BY terms of each sort key, ascending. Severity ascends from information to violation and
 * status follows the workflow; rules sort by family then number (PERS-2 before PERS-10).
 */
const SORT_TERMS: Record<string, readonly string[]> = {
  severity: [
    `CASE f.severity WHEN 'info' THEN 1 WHEN 'open' THEN 2 WHEN 'risk' THEN 3 WHEN 'violation' THEN 4 ELSE 0 END`,
  ],
  rule: [
    `f.family`,
    `NULLIF(regexp_replace(split_part(f.rule_id, '-', 2), '\\D', '', 'g'), '')::int`,
    'f.rule_id',
  ],
  association: ['a.name', 'a.uscc'],
  openedOn: ['f.first_seen_on'],
  status: [
    `CASE f.status WHEN 'open' THEN 1 WHEN 'acknowledged' THEN 2 WHEN 'rectified' THEN 3 WHEN 'waived' THEN 4 WHEN 'appealed' THEN 5 ELSE 0 END`,
  ],
};

/** ORDER BY of a sort key, ending with the id in the same direction so that pages never overlap. */
export function findingOrderBy(sort: TFindingSort | undefined): string {
  if (!sort) return 'a.uscc, f.rule_id, f.id';
  const descending = sort.startsWith('-');
  const direction = descending ? ' DESC' : '';
  const terms = SORT_TERMS[descending ? sort.slice(1) : sort]!;
  return [...terms, 'f.id'].map((term) => `${term}${direction}`).join(', ');
}

/** One page of findings inside a jurisdiction, by association then rule unless a sort is given. */
export async function searchFindings(
  q: Queryable,
  options: {
    scope: TRegistryScope;
    filters: TFindingFilters;
    page: number;
    pageSize: number;
    sort?: TFindingSort;
  },
): Promise<{ rows: TFindingRow[]; total: number }> {
  const p = new Params();
  const where = findingWhere(options.scope, options.filters, p);
  const from = FINDINGS_FROM;
  const total = await q.query<{ n: number }>(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, p.values);
  const limit = p.add(options.pageSize);
  const offset = p.add((options.page - 1) * options.pageSize);
  const { rows } = await q.query<TFindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM ${from} WHERE ${where} ORDER BY ${findingOrderBy(options.sort)} LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { rows: rows.map(normaliseFinding), total: Number(total.rows[0]!.n) };
}

/** Every matching finding in batches (keyset by id), for exports. */
export async function* streamFindings(
  q: Queryable,
  options: { scope: TRegistryScope; filters: TFindingFilters; batchSize?: number },
): AsyncGenerator<TFindingRow[]> {
  let after = 0;
  const size = options.batchSize ?? 2_000;
  for (;;) {
    const p = new Params();
    const where = findingWhere(options.scope, options.filters, p);
    const { rows } = await q.query<TFindingRow>(
      `SELECT ${FINDING_COLUMNS} FROM ${FINDINGS_FROM}
       WHERE ${where} AND f.id > ${p.add(after)} ORDER BY f.id LIMIT ${p.add(size)}`,
      p.values,
    );
    if (rows.length === 0) return;
    const batch = rows.map(normaliseFinding);
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (rows.length < size) return;
  }
}

/** One finding by id, with the database id of its association. */
export async function findFinding(
  q: Queryable,
  id: number,
): Promise<(TFindingRow & { associationId: number }) | undefined> {
  const { rows } = await q.query<TFindingRow & { associationId: number }>(
    `SELECT ${FINDING_COLUMNS}, f.association_id AS "associationId"
     FROM ${FINDINGS_FROM} WHERE f.id = $1`,
    [id],
  );
  const row = rows[0];
  return row ? { ...normaliseFinding(row), associationId: Number(row.associationId) } : undefined;
}

export type TFindingEventRow = {
  id: number;
  at: string;
  actorLabel: string;
  fromStatus: TFindingStatus;
  toStatus: TFindingStatus;
  reason: string | null;
  deadline: string | null;
};

/** The workflow events of a finding, oldest first. */
export async function listFindingEvents(q: Queryable, findingId: number): Promise<TFindingEventRow[]> {
  const { rows } = await q.query<TFindingEventRow>(
    `SELECT id, at, actor_label AS "actorLabel", from_status AS "fromStatus", to_status AS "toStatus", reason, deadline
     FROM finding_events WHERE finding_id = $1 ORDER BY id`,
    [findingId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Applies a status change and records its event; returns false when the finding no longer has the
 * expected status (someone else moved it first), in which case nothing is written.
 */
export async function applyFindingTransition(
  tx: Queryable,
  options: {
    findingId: number;
    from: TFindingStatus;
    to: TFindingStatus;
    deadline: string | null;
    reason: string | null;
    actor: { id: number | null; label: string };
    at: string;
  },
): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE findings SET status = $3, deadline = $4, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id`,
    [options.findingId, options.from, options.to, options.deadline],
  );
  if (rows.length === 0) return false;
  await tx.query(
    `INSERT INTO finding_events (finding_id, at, actor_id, actor_label, from_status, to_status, reason, deadline)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      options.findingId,
      options.at,
      options.actor.id,
      options.actor.label,
      options.from,
      options.to,
      options.reason,
      options.deadline,
    ],
  );
  return true;
}
