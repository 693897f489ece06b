/**
 * The screening run as it was before the set-based fact read, the worker threads and the in-worker
 * diff (the loader table by table on the run's own connection, the diff in the main thread), frozen
 * here so that `screen.bench.ts` measures the current run against it on the same data and machine.
 * Not used by the application.
 */

import { createHash } from 'node:crypto';
import type { TWorkingDayCalendar } from '../../src/core/policy/dates.ts';
import { evaluate, type TEvaluation } from '../../src/core/policy/engine.ts';
import { BUILT_IN_PACKS, resolvePack, type TResolvedPack } from '../../src/core/policy/packs.ts';
import type { TFinding } from '../../src/core/policy/types.ts';
import type { Db, Queryable } from '../../src/db/database.ts';
import { type AuditActor, appendAuditEvent } from '../../src/db/repositories/audit.repository.ts';
import { loadFacts, loadOrganIndex } from '../../src/db/repositories/facts.repository.ts';
import {
  finishRun,
  insertRun,
  listAssociationIds,
  type TFindingToStore,
  type TRunCounts,
} from '../../src/db/repositories/findings.repository.ts';
import type { TRegistryScope } from '../../src/db/repositories/registry-read.repository.ts';
import { OFFICIAL_CALENDAR } from '../../src/jobs/calendar.ts';

const STORE_CHUNK = 5_000;

async function insertFailedRun(
  q: Queryable,
  options: { asOf: string; scope: TRegistryScope; actorLabel: string; startedAt: string; error: string },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO screening_runs (started_at, finished_at, as_of, scope, status, actor_label, error)
     VALUES ($1, now(), $2, $3::jsonb, 'failed', $4, $5) RETURNING id`,
    [options.startedAt, options.asOf, JSON.stringify(options.scope), options.actorLabel, options.error],
  );
  return Number(rows[0]!.id);
}

/** Digest of everything a finding states besides its identity, to tell a changed finding from the same one. */
function findingContentHash(finding: TFinding): string {
  return createHash('sha1')
    .update(
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
    )
    .digest('base64');
}

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
  ['facts', 'text'],
  ['clause', 'text'],
  ['explanation_zh', 'text'],
  ['explanation_en', 'text'],
  ['arisen_on', 'date'],
  ['due_on', 'date'],
  ['content_hash', 'text'],
] as const;

function fullParams(items: readonly (TFindingToStore & { hash: string })[]): unknown[][] {
  const f = items.map((item) => item.finding);
  return [
    f.map((x) => x.fingerprint),
    f.map((x) => x.ruleId),
    f.map((x) => x.family),
    f.map((x) => x.severity),
    f.map((x) => x.packId),
    f.map((x) => x.packVersion),
    items.map((item) => item.associationId),
    f.map((x) => x.subject.type),
    f.map((x) => x.subject.id),
    f.map((x) => x.aspect),
    f.map((x) => JSON.stringify(x.facts)),
    f.map((x) => x.clause),
    f.map((x) => x.explanationZh),
    f.map((x) => x.explanationEn),
    f.map((x) => x.arisenOn),
    f.map((x) => x.dueOn),
    items.map((item) => item.hash),
  ];
}

const UNNEST_FULL = `unnest(${FULL_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
  AS u(${FULL_COLUMNS.map(([name]) => name).join(', ')})`;

/**
 * Stores the findings a run found for a set of associations, diffing by fingerprint against what is
 * stored for them: new ones are inserted as `open` with the run as first and last seen; ones stored
 * with the same content are left as they are (the association's screening row makes them seen by
 * this run); changed ones and ones that had been resolved are rewritten and lose the resolution;
 * unresolved ones the run did not find are marked resolved. Returns how many were new (or back after a resolution)
 * and how many persisted.
 */
async function storeFindings(
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
  const { rows: stored } = await tx.query<{ j: string }>(
    `SELECT coalesce(json_agg(json_build_array(fingerprint, id, content_hash, resolved_run_id IS NOT NULL)), '[]')::text AS j
     FROM findings WHERE association_id = ANY($1::bigint[])`,
    [associationIds],
  );
  const known = new Map<string, { id: number; hash: string; resolved: boolean }>();
  for (const [fingerprint, id, hash, resolved] of JSON.parse(stored[0]!.j) as [
    string,
    number,
    string,
    boolean,
  ][])
    known.set(fingerprint, { id, hash, resolved });

  const fresh: (TFindingToStore & { hash: string })[] = [];
  const changed: (TFindingToStore & { hash: string; id: number })[] = [];
  const same: number[] = [];
  let reappeared = 0;
  const seen = new Set<string>();
  for (const item of options.items) {
    const hash = findingContentHash(item.finding);
    seen.add(item.finding.fingerprint);
    const existing = known.get(item.finding.fingerprint);
    if (!existing) fresh.push({ ...item, hash });
    else if (existing.hash !== hash || existing.resolved) {
      changed.push({ ...item, hash, id: existing.id });
      if (existing.resolved) reappeared += 1;
    } else same.push(existing.id);
  }

  const runParam = FULL_COLUMNS.length + 1;
  for (let start = 0; start < fresh.length; start += STORE_CHUNK) {
    const chunk = fresh.slice(start, start + STORE_CHUNK);
    await tx.query(
      `INSERT INTO findings (${FULL_COLUMNS.map(([name]) => name).join(', ')},
         first_seen_run_id, first_seen_on, last_seen_run_id, last_seen_on)
       SELECT ${FULL_COLUMNS.map(([name]) => (name === 'facts' ? 'u.facts::jsonb' : `u.${name}`)).join(', ')},
         $${runParam}, $${runParam + 1}, $${runParam}, $${runParam + 1}
       FROM ${UNNEST_FULL}`,
      [...fullParams(chunk), options.runId, options.asOf],
    );
  }
  for (let start = 0; start < changed.length; start += STORE_CHUNK) {
    const chunk = changed.slice(start, start + STORE_CHUNK);
    const idParam = runParam + 2;
    await tx.query(
      `UPDATE findings AS t SET severity = u.severity, pack_id = u.pack_id, pack_version = u.pack_version,
         facts = u.facts::jsonb, clause = u.clause, explanation_zh = u.explanation_zh,
         explanation_en = u.explanation_en, arisen_on = u.arisen_on, due_on = u.due_on,
         content_hash = u.content_hash, last_seen_run_id = $${runParam}, last_seen_on = $${runParam + 1},
         resolved_run_id = NULL, resolved_on = NULL, updated_at = now()
       FROM (SELECT * FROM ${UNNEST_FULL}) AS u
       JOIN unnest($${idParam}::bigint[], $1::text[]) AS k(id, fingerprint) ON k.fingerprint = u.fingerprint
       WHERE t.id = k.id`,
      [...fullParams(chunk), options.runId, options.asOf, chunk.map((c) => c.id)],
    );
  }
  // Unresolved findings this run no longer sees are resolved; their last sighting is the previous
  // run of their association, read before this run's own sighting is recorded below.
  const gone = [...known]
    .filter(([fingerprint, k]) => !k.resolved && !seen.has(fingerprint))
    .map(([, k]) => k.id);
  if (gone.length > 0) {
    await tx.query(
      `UPDATE findings AS f SET resolved_run_id = $1, resolved_on = $2,
         last_seen_run_id = COALESCE(s.run_id, f.last_seen_run_id),
         last_seen_on = COALESCE(s.screened_on, f.last_seen_on), updated_at = now()
       FROM findings AS g LEFT JOIN association_screenings AS s ON s.association_id = g.association_id
       WHERE g.id = f.id AND f.id = ANY($3::bigint[])`,
      [options.runId, options.asOf, gone],
    );
  }
  // Findings unchanged since the last run (\`same\`) are not rewritten: the association's sighting
  // below makes them seen by this run.
  await tx.query(
    `INSERT INTO association_screenings (association_id, run_id, screened_on)
     SELECT a, $2, $3 FROM unnest($1::bigint[]) AS a
     ON CONFLICT (association_id) DO UPDATE SET run_id = EXCLUDED.run_id, screened_on = EXCLUDED.screened_on`,
    [associationIds, options.runId, options.asOf],
  );
  // A finding back after a run that had resolved it is new to this run's diff.
  return {
    inserted: fresh.length + reappeared,
    persisting: changed.length - reappeared + same.length,
    resolved: gone.length,
  };
}

export type TScreeningProgress = { done: number; total: number };

export type RunScreeningOptions = {
  db: Db;
  /** Evaluation date `YYYY-MM-DD`. */
  asOf: string;
  /** Which associations to screen; the whole registry when absent. */
  scope?: TRegistryScope;
  actor: AuditActor;
  /** Called after each chunk; throwing from it aborts the run (nothing of it is kept). */
  onProgress?: (progress: TScreeningProgress) => void;
  /** Associations loaded and evaluated at a time. */
  chunkSize?: number;
  calendar?: TWorkingDayCalendar;
  packs?: ReadonlyMap<string, TResolvedPack>;
  /** Keep every association's evaluation in the result (for printing; costs memory on large runs). */
  collect?: boolean;
};

export type TScreeningResult = {
  runId: number;
  counts: TRunCounts;
  /** Present when `collect` was set: each association's evaluation, in association id order. */
  evaluations?: TEvaluation[];
  /** Milliseconds spent loading facts, evaluating and storing findings. */
  timings: { load: number; evaluate: number; store: number; total: number };
};

class ScreeningFailedError extends Error {
  constructor(
    readonly runId: number,
    override readonly cause: unknown,
  ) {
    super(`Screening run ${runId} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ScreeningFailedError';
  }
}

const DEFAULT_CHUNK = 5_000;

/**
 * Screens the associations of a scope on a date: loads their facts in chunks, evaluates each under
 * the pack in force for its region, stores the findings (new ones inserted, persisting ones marked
 * as seen again) and marks the earlier findings of those associations it no longer sees as resolved. Everything, the run
 * record and its audit event included, lands in one transaction: a run that fails or is killed leaves
 * no findings and no half-updated ones; a failed run is then recorded on its own, with its error.
 */
export async function runScreeningBefore(options: RunScreeningOptions): Promise<TScreeningResult> {
  const { db, asOf, actor } = options;
  const scope: TRegistryScope = options.scope ?? { kind: 'all' };
  const calendar = options.calendar ?? OFFICIAL_CALENDAR;
  const packs = options.packs ?? BUILT_IN_PACKS;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const timings = { load: 0, evaluate: 0, store: 0, total: 0 };
  try {
    return await db.transaction(async (tx) => {
      const runId = (await insertRun(tx, { asOf, scope, actorLabel: actor.label, startedAt }))!;
      const ids = await listAssociationIds(tx, scope);
      const organs = await loadOrganIndex(tx);
      const byRegion = new Map<string, TResolvedPack>();
      const evaluations: TEvaluation[] = [];
      const counts: TRunCounts = {
        associations: ids.length,
        findings: 0,
        newFindings: 0,
        persistingFindings: 0,
        resolvedFindings: 0,
      };
      const load = (start: number) => {
        const t = performance.now();
        const pending = loadFacts(tx, { ids: ids.slice(start, start + chunkSize), organs }).then((loaded) => {
          timings.load += performance.now() - t;
          return loaded;
        });
        // If the run fails before this chunk is awaited, its failure must not surface as unhandled.
        pending.catch(() => undefined);
        return pending;
      };
      // The next chunk is requested before this one is evaluated, so the database works while the
      // engine does.
      let next = ids.length > 0 ? load(0) : null;
      for (let start = 0; start < ids.length; start += chunkSize) {
        const loaded = await next!;
        next = start + chunkSize < ids.length ? load(start + chunkSize) : null;
        let t = performance.now();
        const items: TFindingToStore[] = [];
        const seen = new Set<string>();
        for (const { associationId, facts } of loaded) {
          const region = facts.association.regionCode;
          let pack = byRegion.get(region);
          if (!pack) {
            pack = resolvePack({ regionCode: region, asOf, packs });
            byRegion.set(region, pack);
          }
          const evaluation = evaluate({ pack, facts, asOf, calendar });
          if (options.collect) evaluations.push(evaluation);
          for (const finding of evaluation.findings) {
            // A fingerprint names one breach; the same one twice would be one finding.
            if (seen.has(finding.fingerprint)) continue;
            seen.add(finding.fingerprint);
            items.push({ associationId, finding });
          }
        }
        timings.evaluate += performance.now() - t;
        t = performance.now();
        const stored = await storeFindings(tx, {
          runId,
          asOf,
          items,
          associationIds: loaded.map((l) => l.associationId),
        });
        timings.store += performance.now() - t;
        counts.findings += items.length;
        counts.newFindings += stored.inserted;
        counts.persistingFindings += stored.persisting;
        counts.resolvedFindings += stored.resolved;
        options.onProgress?.({ done: Math.min(start + chunkSize, ids.length), total: ids.length });
      }
      await finishRun(tx, { id: runId, status: 'completed', counts });
      await appendAuditEvent(tx, {
        actor,
        action: 'screening.run',
        entity: 'screening_run',
        entityId: runId,
        detail: { asOf, scope, ...counts },
      });
      timings.total = performance.now() - started;
      return { runId, counts, timings, ...(options.collect ? { evaluations } : {}) };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const runId = await db.transaction(async (tx) => {
      const id = await insertFailedRun(tx, {
        asOf,
        scope,
        actorLabel: actor.label,
        startedAt,
        error: message,
      });
      await appendAuditEvent(tx, {
        actor,
        action: 'screening.fail',
        entity: 'screening_run',
        entityId: id,
        detail: { asOf, scope, error: message },
      });
      return id;
    });
    throw new ScreeningFailedError(runId, error);
  }
}
