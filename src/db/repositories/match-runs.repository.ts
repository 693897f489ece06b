import type {
  TLinkRow,
  TOrganRow,
  TPostRow,
  TReviewDecision,
  TRosterRow,
} from '../../core/matching/types.ts';
import type { Queryable } from '../database.ts';
import { associationScopeSql } from './findings.repository.ts';
import type { TRegistryScope } from './registry-read.repository.ts';

/**
 * Stored matching runs, their results, reviewer decisions and the review queue. The matcher's record
 * and post keys are database ids as text (`roster_records.id`, `posts.id`), so a result and a
 * reviewer's decision name the same pair whichever run produced it.
 */

export const MATCH_RUN_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type TMatchRunState = (typeof MATCH_RUN_STATES)[number];
export const MATCH_RUN_PHASES = ['indexing', 'matching', 'storing'] as const;
export type TMatchRunPhase = (typeof MATCH_RUN_PHASES)[number];
export const REVIEW_DECISIONS = ['confirm', 'reject'] as const;
export type TReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

export type TMatchRunCounts = {
  rosterRecords: number;
  postsTotal: number;
  postsDone: number;
  matches: number;
  possibles: number;
  confirmedApplied: number;
  rejectedApplied: number;
};

export type TMatchRunRow = TMatchRunCounts & {
  id: number;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  scope: TRegistryScope;
  inputs: Record<string, unknown>;
  state: TMatchRunState;
  phase: TMatchRunPhase | null;
  error: string | null;
};

const RUN_COLUMNS = `id, started_by AS "startedBy", started_at AS "startedAt", finished_at AS "finishedAt", scope,
  inputs, state, phase, roster_records AS "rosterRecords", posts_total AS "postsTotal", posts_done AS "postsDone",
  matches, possibles, confirmed_applied AS "confirmedApplied", rejected_applied AS "rejectedApplied", error`;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const toRun = (r: Record<string, unknown>): TMatchRunRow => ({ ...(r as TMatchRunRow), id: Number(r.id) });

/** A run row in state `queued`; returns its id. */
export async function insertMatchRun(
  q: Queryable,
  options: {
    startedBy: { id: number | null; label: string };
    scope: TRegistryScope;
    inputs: Record<string, unknown>;
    startedAt: string;
  },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO match_runs (started_by_id, started_by, started_at, scope, inputs, state)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 'queued') RETURNING id`,
    [
      options.startedBy.id,
      options.startedBy.label,
      options.startedAt,
      JSON.stringify(options.scope),
      JSON.stringify(options.inputs),
    ],
  );
  return Number(rows[0]!.id);
}

/** Progress of a running run: its phase and counts so far. */
export async function updateMatchRunProgress(
  q: Queryable,
  id: number,
  progress: { phase: TMatchRunPhase } & Partial<TMatchRunCounts>,
): Promise<void> {
  await q.query(
    `UPDATE match_runs SET state = 'running', phase = $2,
       roster_records = COALESCE($3, roster_records), posts_total = COALESCE($4, posts_total),
       posts_done = COALESCE($5, posts_done), matches = COALESCE($6, matches), possibles = COALESCE($7, possibles),
       confirmed_applied = COALESCE($8, confirmed_applied), rejected_applied = COALESCE($9, rejected_applied)
     WHERE id = $1`,
    [
      id,
      progress.phase,
      progress.rosterRecords ?? null,
      progress.postsTotal ?? null,
      progress.postsDone ?? null,
      progress.matches ?? null,
      progress.possibles ?? null,
      progress.confirmedApplied ?? null,
      progress.rejectedApplied ?? null,
    ],
  );
}

export async function finishMatchRun(
  q: Queryable,
  options: { id: number; state: 'completed' | 'failed'; finishedAt: string; error?: string | null },
): Promise<void> {
  await q.query(
    `UPDATE match_runs SET state = $2, phase = NULL, finished_at = $3, error = $4 WHERE id = $1`,
    [options.id, options.state, options.finishedAt, options.error ?? null],
  );
}

/** Runs left `queued` or `running` by a process that is gone, except those named as still alive. */
export async function failInterruptedRuns(
  q: Queryable,
  options: { alive: readonly number[]; finishedAt: string },
): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `UPDATE match_runs SET state = 'failed', phase = NULL, finished_at = $2, error = 'interrupted'
     WHERE state IN ('queued', 'running') AND NOT (id = ANY($1::bigint[])) RETURNING id`,
    [options.alive, options.finishedAt],
  );
  return rows.map((r) => Number(r.id));
}

export async function findMatchRun(q: Queryable, id: number): Promise<TMatchRunRow | null> {
  const { rows } = await q.query(`SELECT ${RUN_COLUMNS} FROM match_runs WHERE id = $1`, [id]);
  return rows[0] ? toRun(rows[0]) : null;
}

export async function listMatchRuns(
  q: Queryable,
  options: { page: number; pageSize: number },
): Promise<{ rows: TMatchRunRow[]; total: number }> {
  const { rows } = await q.query(
    `SELECT ${RUN_COLUMNS} FROM match_runs ORDER BY id DESC LIMIT $1 OFFSET $2`,
    [options.pageSize, (options.page - 1) * options.pageSize],
  );
  const { rows: count } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM match_runs');
  return { rows: rows.map(toRun), total: Number(count[0]!.n) };
}

export type TDecrypt = (cipherText: string) => string;

const PAGE_ROWS = 5_000;

/**
 * Every roster record as the matcher reads it, page by page (keyset on the id), so a national roster
 * streams through memory instead of being held in it. The resident ID is decrypted only here, on its
 * way into the keyed index; the record key is the row's database id.
 */
export async function* streamRosterRows(q: Queryable, decrypt: TDecrypt): AsyncGenerator<TRosterRow> {
  let after = 0;
  for (;;) {
    const { rows } = await q.query<Record<string, string | number | null>>(
      `SELECT rr.id, rr.source, rr.id_cipher, rr.name, rr.sex, rr.birth_date, rr.status, rr.retired_on,
              o.code AS organ_code, rr.organ_name, rr.rank
       FROM roster_records AS rr LEFT JOIN organs AS o ON o.id = rr.organ_id
       WHERE rr.id > $1 ORDER BY rr.id LIMIT $2`,
      [after, PAGE_ROWS],
    );
    for (const r of rows) {
      yield {
        source: String(r.source),
        record_key: String(r.id),
        name: String(r.name),
        resident_id: r.id_cipher ? decrypt(String(r.id_cipher)) : '',
        sex: r.sex ? String(r.sex) : '',
        birth_date: r.birth_date ? String(r.birth_date) : '',
        status: String(r.status),
        retired_on: r.retired_on ? String(r.retired_on) : '',
        organ_code: r.organ_code ? String(r.organ_code) : '',
        organ_name: r.organ_name ? String(r.organ_name) : '',
        rank: String(r.rank),
      };
    }
    if (rows.length < PAGE_ROWS) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

export async function countRosterRecords(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM roster_records');
  return Number(rows[0]!.n);
}

/** Posts of the given associations as the matcher reads them; `post_ref` is the post's database id. */
export async function* streamPostRows(
  q: Queryable,
  options: { associationIds: readonly number[]; decrypt: TDecrypt },
): AsyncGenerator<TPostRow> {
  let after = 0;
  for (;;) {
    const { rows } = await q.query<Record<string, string | number | null>>(
      `SELECT p.id, a.uscc, pe.name, pe.id_cipher, pe.sex, pe.birth_date, p.role, p.started_on, ro.code AS recommended
       FROM posts AS p
       JOIN associations AS a ON a.id = p.association_id
       JOIN persons AS pe ON pe.id = p.person_id
       LEFT JOIN organs AS ro ON ro.id = p.recommended_by_organ_id
       WHERE p.association_id = ANY($1::bigint[]) AND p.id > $2 ORDER BY p.id LIMIT $3`,
      [options.associationIds, after, PAGE_ROWS],
    );
    for (const r of rows) {
      yield {
        post_ref: String(r.id),
        association_uscc: String(r.uscc).trimEnd(),
        person_name: String(r.name),
        resident_id: r.id_cipher ? options.decrypt(String(r.id_cipher)) : '',
        sex: r.sex ? String(r.sex) : '',
        birth_date: r.birth_date ? String(r.birth_date) : '',
        role: String(r.role),
        started_on: String(r.started_on),
        recommended_by_organ_code: r.recommended ? String(r.recommended) : '',
      };
    }
    if (rows.length < PAGE_ROWS) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

export async function countPosts(q: Queryable, associationIds: readonly number[]): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM posts WHERE association_id = ANY($1::bigint[])',
    [associationIds],
  );
  return Number(rows[0]!.n);
}

/** The organ directory, so roster employers given by name resolve to a code. */
export async function loadOrganRows(q: Queryable): Promise<TOrganRow[]> {
  const { rows } = await q.query<{ code: string; name: string; short_name: string | null }>(
    'SELECT code, name, short_name FROM organs ORDER BY id',
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    ...(r.short_name ? { short_name: r.short_name } : {}),
  }));
}

/** Organ–association links: a roster organ linked to the post's association counts as evidence. */
export async function loadLinkRows(q: Queryable): Promise<TLinkRow[]> {
  const { rows } = await q.query<{ organ_code: string; uscc: string }>(
    `SELECT DISTINCT o.code AS organ_code, a.uscc FROM organ_links AS l
     JOIN organs AS o ON o.id = l.organ_id JOIN associations AS a ON a.id = l.association_id`,
  );
  return rows.map((r) => ({ organ_code: r.organ_code, association_uscc: r.uscc.trimEnd() }));
}

/** Reviewer decisions in force, as the matcher takes them. */
export async function listReviewsInForce(q: Queryable): Promise<TReviewDecision[]> {
  const { rows } = await q.query<{
    post_id: number;
    roster_record_id: number;
    decision: TReviewDecisionKind;
  }>('SELECT post_id, roster_record_id, decision FROM match_reviews WHERE undone_at IS NULL ORDER BY id');
  return rows.map((r) => ({
    postKey: String(r.post_id),
    recordKey: String(r.roster_record_id),
    verdict: r.decision === 'confirm' ? 'confirmed' : 'rejected',
  }));
}

export type TMatchResultToStore = {
  postId: number;
  rosterRecordId: number;
  decision: 'match' | 'possible';
  probability: number;
  score: number;
  reasons: unknown;
  candidates: number;
  /** A match only because a reviewer confirmed the pair. */
  byReview: boolean;
};

/** One batch of a run's results (not yet current: they count once the run completes). */
export async function insertMatchResults(
  q: Queryable,
  runId: number,
  results: readonly TMatchResultToStore[],
): Promise<void> {
  if (results.length === 0) return;
  await q.query(
    `INSERT INTO match_results
       (run_id, post_id, roster_record_id, decision, probability, score, reasons, candidates, by_review)
     SELECT $1, u.post_id, u.roster_record_id, u.decision, u.probability, u.score, u.reasons::jsonb, u.candidates,
            u.by_review
     FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::int[],
                 $9::boolean[])
       AS u(post_id, roster_record_id, decision, probability, score, reasons, candidates, by_review)`,
    [
      runId,
      results.map((r) => r.postId),
      results.map((r) => r.rosterRecordId),
      results.map((r) => r.decision),
      results.map((r) => r.probability),
      results.map((r) => r.score),
      results.map((r) => JSON.stringify(r.reasons)),
      results.map((r) => r.candidates),
      results.map((r) => r.byReview),
    ],
  );
}

/**
 * Makes a completed run's results the current ones for the posts it screened: the earlier results of
 * those posts stop counting (a post now `no_match` loses its earlier match) and this run's start.
 */
export async function promoteMatchResults(
  q: Queryable,
  options: { runId: number; associationIds: readonly number[] },
): Promise<void> {
  await q.query(
    `UPDATE match_results SET current = false
     WHERE current AND run_id <> $1
       AND post_id IN (SELECT id FROM posts WHERE association_id = ANY($2::bigint[]))`,
    [options.runId, options.associationIds],
  );
  await q.query('UPDATE match_results SET current = true WHERE run_id = $1', [options.runId]);
}

export async function deleteMatchResults(q: Queryable, runId: number): Promise<void> {
  await q.query('DELETE FROM match_results WHERE run_id = $1', [runId]);
}

export const QUEUE_STATES = ['pending', 'decided', 'all'] as const;
export type TQueueState = (typeof QUEUE_STATES)[number];

export type TReviewRow = {
  id: number;
  decision: TReviewDecisionKind;
  reason: string;
  reviewer: string;
  at: string;
};

/** One current possible match with both records (masked identifiers only) and its review in force. */
export type TQueueRow = {
  resultId: number;
  runId: number;
  decision: 'match' | 'possible';
  probability: number;
  score: number;
  reasons: { field: string; outcome: string; weight: number }[];
  candidates: number;
  byReview: boolean;
  post: {
    id: number;
    role: string;
    startedOn: string;
    associationUscc: string;
    associationName: string;
    regionCode: string;
    personName: string;
    idMasked: string | null;
    sex: string | null;
    birthDate: string | null;
  };
  record: {
    id: number;
    source: string;
    recordKey: string;
    name: string;
    idMasked: string | null;
    sex: string | null;
    birthDate: string | null;
    status: string;
    rank: string;
    retiredOn: string | null;
    organName: string | null;
  };
  review: TReviewRow | null;
};

const QUEUE_SELECT = `SELECT m.id AS "resultId", m.run_id AS "runId", m.decision, m.probability, m.score, m.reasons,
    m.candidates, m.by_review AS "byReview",
    json_build_object('id', p.id, 'role', p.role, 'startedOn', p.started_on, 'associationUscc', rtrim(a.uscc),
      'associationName', a.name, 'regionCode', a.region_code, 'personName', pe.name, 'idMasked', pe.id_masked,
      'sex', pe.sex, 'birthDate', pe.birth_date) AS post,
    json_build_object('id', rr.id, 'source', rr.source, 'recordKey', rr.record_key, 'name', rr.name,
      'idMasked', rr.id_masked, 'sex', rr.sex, 'birthDate', rr.birth_date, 'status', rr.status, 'rank', rr.rank,
      'retiredOn', rr.retired_on, 'organName', COALESCE(rr.organ_name, o.name)) AS record,
    CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'decision', v.decision,
      'reason', v.reason, 'reviewer', v.reviewer, 'at', v.at) END AS review
  FROM match_results AS m
  JOIN posts AS p ON p.id = m.post_id
  JOIN associations AS a ON a.id = p.association_id
  JOIN persons AS pe ON pe.id = p.person_id
  JOIN roster_records AS rr ON rr.id = m.roster_record_id
  LEFT JOIN organs AS o ON o.id = rr.organ_id
  LEFT JOIN match_reviews AS v
    ON v.post_id = m.post_id AND v.roster_record_id = m.roster_record_id AND v.undone_at IS NULL`;

function toQueueRow(r: Record<string, unknown>): TQueueRow {
  const review = r.review as (TReviewRow & { at: string }) | null;
  return {
    ...(r as unknown as TQueueRow),
    resultId: Number(r.resultId),
    runId: Number(r.runId),
    probability: Number(r.probability),
    score: Number(r.score),
    review: review ? { ...review, id: Number(review.id), at: new Date(review.at).toISOString() } : null,
  };
}

/**
 * The review queue inside the caller's jurisdiction. `pending`: current possible matches no reviewer
 * has decided (a decided pair is not queued again); `decided`: the decisions in force.
 */
export async function listReviewQueue(
  q: Queryable,
  options: { scope: TRegistryScope; state: TQueueState; page: number; pageSize: number },
): Promise<{ rows: TQueueRow[]; total: number }> {
  const p = new Params();
  // A match kept only by a confirmation that was since undone is queued again.
  const pending = `(m.current AND (m.decision = 'possible' OR m.by_review) AND v.id IS NULL)`;
  // A decided pair is shown once, with its latest result: a rejected pair is no longer proposed by
  // later runs, yet its decision must stay reachable to be undone.
  const decided = `(v.id IS NOT NULL AND m.id = (SELECT max(m2.id) FROM match_results AS m2
                     WHERE m2.post_id = m.post_id AND m2.roster_record_id = m.roster_record_id))`;
  const state = { pending, decided, all: `(${pending} OR ${decided})` }[options.state];
  const filter = `WHERE ${state} AND ${associationScopeSql(options.scope, p)}`;
  const { rows: count } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${QUEUE_SELECT} ${filter}) AS x`,
    p.values,
  );
  const limit = p.add(options.pageSize);
  const offset = p.add((options.page - 1) * options.pageSize);
  const { rows } = await q.query(
    `${QUEUE_SELECT} ${filter} ORDER BY m.probability DESC, m.id LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { rows: rows.map(toQueueRow), total: Number(count[0]!.n) };
}

/** One result with its records, whatever its run; null when there is none. */
export async function findQueueRow(q: Queryable, resultId: number): Promise<TQueueRow | null> {
  const { rows } = await q.query(`${QUEUE_SELECT} WHERE m.id = $1`, [resultId]);
  return rows[0] ? toQueueRow(rows[0]) : null;
}

/** The association a result's post belongs to, for the jurisdiction check. */
export async function findResultAssociation(
  q: Queryable,
  resultId: number,
): Promise<{ associationId: number; postId: number; rosterRecordId: number } | null> {
  const { rows } = await q.query<{ association_id: number; post_id: number; roster_record_id: number }>(
    `SELECT p.association_id, m.post_id, m.roster_record_id
     FROM match_results AS m JOIN posts AS p ON p.id = m.post_id WHERE m.id = $1`,
    [resultId],
  );
  const r = rows[0];
  return r
    ? {
        associationId: Number(r.association_id),
        postId: Number(r.post_id),
        rosterRecordId: Number(r.roster_record_id),
      }
    : null;
}

/** Records a decision on a pair; fails on the unique index when one is already in force. */
export async function insertReview(
  q: Queryable,
  options: {
    postId: number;
    rosterRecordId: number;
    resultId: number;
    decision: TReviewDecisionKind;
    reason: string;
    reviewer: { id: number | null; label: string };
    at: string;
  },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO match_reviews (post_id, roster_record_id, result_id, decision, reason, reviewer_id, reviewer, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      options.postId,
      options.rosterRecordId,
      options.resultId,
      options.decision,
      options.reason,
      options.reviewer.id,
      options.reviewer.label,
      options.at,
    ],
  );
  return Number(rows[0]!.id);
}

export type TStoredReview = TReviewRow & {
  postId: number;
  rosterRecordId: number;
  resultId: number | null;
  associationId: number;
  undoneAt: string | null;
};

export async function findReview(q: Queryable, id: number): Promise<TStoredReview | null> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT v.id, v.decision, v.reason, v.reviewer, v.at, v.post_id, v.roster_record_id, v.result_id,
            p.association_id, v.undone_at
     FROM match_reviews AS v JOIN posts AS p ON p.id = v.post_id WHERE v.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    decision: r.decision as TReviewDecisionKind,
    reason: String(r.reason),
    reviewer: String(r.reviewer),
    at: String(r.at),
    postId: Number(r.post_id),
    rosterRecordId: Number(r.roster_record_id),
    resultId: r.result_id == null ? null : Number(r.result_id),
    associationId: Number(r.association_id),
    undoneAt: r.undone_at == null ? null : String(r.undone_at),
  };
}

/** Withdraws a decision in force; false when it was already withdrawn. */
export async function undoReview(
  q: Queryable,
  options: { id: number; by: { id: number | null; label: string }; reason: string; at: string },
): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE match_reviews SET undone_at = $2, undone_by_id = $3, undone_by = $4, undo_reason = $5
     WHERE id = $1 AND undone_at IS NULL RETURNING id`,
    [options.id, options.at, options.by.id, options.by.label, options.reason],
  );
  return rows.length > 0;
}
