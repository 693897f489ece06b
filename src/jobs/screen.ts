import type { TWorkingDayCalendar } from '../core/policy/dates.ts';
import { evaluate, type TEvaluation } from '../core/policy/engine.ts';
import { BUILT_IN_PACKS, resolvePack, type TResolvedPack } from '../core/policy/packs.ts';
import type { Db } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import { loadFacts, loadOrganIndex } from '../db/repositories/facts.repository.ts';
import {
  finishRun,
  insertFailedRun,
  insertRun,
  listAssociationIds,
  storeFindings,
  type TFindingToStore,
  type TRunCounts,
} from '../db/repositories/findings.repository.ts';
import type { TRegistryScope } from '../db/repositories/registry-read.repository.ts';
import { OFFICIAL_CALENDAR } from './calendar.ts';

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

export class ScreeningFailedError extends Error {
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
export async function runScreening(options: RunScreeningOptions): Promise<TScreeningResult> {
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
      const runId = await insertRun(tx, { asOf, scope, actorLabel: actor.label, startedAt });
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
