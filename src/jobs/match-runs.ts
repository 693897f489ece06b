import { runMatching } from '../core/matching/run.ts';
import type { TMatchDecision } from '../core/matching/types.ts';
import type { Db } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import { listAssociationIds } from '../db/repositories/findings.repository.ts';
import {
  countPosts,
  countRosterRecords,
  deleteMatchResults,
  failInterruptedRuns,
  finishMatchRun,
  insertMatchResults,
  insertMatchRun,
  listReviewsInForce,
  loadLinkRows,
  loadOrganRows,
  promoteMatchResults,
  streamPostRows,
  streamRosterRows,
  type TMatchResultToStore,
  type TMatchRunCounts,
  updateMatchRunProgress,
} from '../db/repositories/match-runs.repository.ts';
import type { TRegistryScope } from '../db/repositories/registry-read.repository.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';

/**
 * Stored officials-matching runs over the registry: the roster records and the posts in the
 * database go through the matcher (`runMatching`), its matches and possible matches are stored, and
 * the reviewers' decisions in force are applied (a confirmed pair stays a match, a rejected pair is
 * never proposed again). Results count once the run completes: they then become the current results
 * of the posts it screened, which the official-status facts of screening and the review queue read.
 */

/**
 * The matcher's fingerprint key, derived through the installation's keyed hash so that it needs no
 * secret of its own and stays the same across restarts.
 */
export function matchingKeyOf(protector: PersonalDataProtector): Uint8Array {
  return Buffer.from(protector.hash('tuogou:match-runs:key'), 'hex');
}

export type StartMatchRunOptions = {
  db: Db;
  protector: PersonalDataProtector;
  actor: AuditActor;
  /** The posts screened: the associations of this jurisdiction. */
  scope: TRegistryScope;
  /** The date of the run, for ID validation; today when absent. */
  asOf?: string;
  /** Posts matched between two progress updates. */
  batchSize?: number;
  onProgress?: (counts: TMatchRunCounts & { phase: 'indexing' | 'matching' | 'storing' }) => void;
};

export type TStartedMatchRun = {
  runId: number;
  /** Settles when the run has completed (its counts) or failed (the error, already recorded). */
  done: Promise<TMatchRunCounts>;
};

export class MatchRunBusyError extends Error {
  constructor(readonly runId: number) {
    super(`Matching run ${runId} is still running; wait for it to finish`);
    this.name = 'MatchRunBusyError';
  }
}

/** Runs of this process still working: a run left `running` by another, dead process is failed. */
const activeRuns = new Map<Db, { runId: number; done: Promise<unknown> }>();

/** Waits until the run of this process on `db`, if any, has finished (successfully or not). */
export async function waitForMatchRuns(db: Db): Promise<void> {
  await activeRuns.get(db)?.done.catch(() => undefined);
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Records a queued run and starts it in the background; returns at once with the run's id. One run
 * at a time per database: a second start while one works is refused (`MatchRunBusyError`).
 */
export async function startMatchRun(options: StartMatchRunOptions): Promise<TStartedMatchRun> {
  const { db } = options;
  const busy = activeRuns.get(db);
  if (busy !== undefined) throw new MatchRunBusyError(busy.runId);
  // Held from here, so that two starts at the same moment cannot both pass the check above.
  let release = () => {};
  activeRuns.set(db, { runId: 0, done: new Promise<void>((resolve) => (release = resolve)) });
  const asOf = options.asOf ?? today();
  let runId: number;
  try {
    runId = await recordStart(options, asOf);
  } catch (error) {
    activeRuns.delete(db);
    release();
    throw error;
  }
  const done = executeRun({ ...options, asOf, runId }).finally(() => activeRuns.delete(db));
  activeRuns.set(db, { runId, done });
  release();
  // The caller may not wait; a failure is recorded on the run, not thrown into the void.
  done.catch(() => undefined);
  return { runId, done };
}

/** Databases on which this process has already failed the runs an earlier process left unfinished. */
const recovered = new WeakSet<Db>();

async function recordStart(options: StartMatchRunOptions, asOf: string): Promise<number> {
  const { db } = options;
  return db.transaction(async (tx) => {
    if (!recovered.has(db)) {
      // A run still `running` when this process starts its first one was left by a process that
      // stopped (restart, crash): it can never finish, and its results never became current.
      await failInterruptedRuns(tx, { alive: [], finishedAt: new Date().toISOString() });
      recovered.add(db);
    }
    const id = await insertMatchRun(tx, {
      startedBy: options.actor,
      scope: options.scope,
      inputs: { posts: 'registry', rosters: 'registry', asOf },
      startedAt: new Date().toISOString(),
    });
    await appendAuditEvent(tx, {
      actor: options.actor,
      action: 'match_run.start',
      entity: 'match_run',
      entityId: id,
      detail: { scope: options.scope, asOf },
    });
    return id;
  });
}

/** Starts a run and waits for it: the CLI and tests. */
export async function runMatchRun(
  options: StartMatchRunOptions,
): Promise<TStartedMatchRun & TMatchRunCounts> {
  const started = await startMatchRun(options);
  return { ...started, ...(await started.done) };
}

const DEFAULT_BATCH = 1_000;

async function executeRun(
  options: StartMatchRunOptions & { asOf: string; runId: number },
): Promise<TMatchRunCounts> {
  const { db, protector, runId, actor } = options;
  const decrypt = (cipher: string) => protector.decrypt(cipher);
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const counts: TMatchRunCounts = {
    rosterRecords: 0,
    postsTotal: 0,
    postsDone: 0,
    matches: 0,
    possibles: 0,
    confirmedApplied: 0,
    rejectedApplied: 0,
  };
  const report = async (phase: 'indexing' | 'matching' | 'storing') => {
    await updateMatchRunProgress(db, runId, { phase, ...counts });
    options.onProgress?.({ phase, ...counts });
  };
  try {
    const associationIds = await listAssociationIds(db, options.scope);
    counts.postsTotal = await countPosts(db, associationIds);
    counts.rosterRecords = await countRosterRecords(db);
    await report('indexing');
    const [organs, links, reviews] = await Promise.all([
      loadOrganRows(db),
      loadLinkRows(db),
      listReviewsInForce(db),
    ]);
    const rejectedPosts = new Set(reviews.filter((r) => r.verdict === 'rejected').map((r) => r.postKey));
    const decisions = runMatching({
      key: matchingKeyOf(protector),
      rosters: [streamRosterRows(db, decrypt)],
      posts: streamPostRows(db, { associationIds, decrypt }),
      organs,
      links,
      reviews,
      today: options.asOf,
      expectedRosterSize: counts.rosterRecords,
    });
    let batch: TMatchResultToStore[] = [];
    const flush = async () => {
      await insertMatchResults(db, runId, batch);
      batch = [];
      await report('matching');
    };
    for await (const decision of decisions) {
      counts.postsDone++;
      if (rejectedPosts.has(decision.postKey)) counts.rejectedApplied++;
      const stored = toStored(decision);
      if (stored) {
        batch.push(stored);
        if (stored.decision === 'match') counts.matches++;
        else counts.possibles++;
        if (stored.byReview) counts.confirmedApplied++;
      }
      if (counts.postsDone % batchSize === 0) await flush();
    }
    await flush();
    await report('storing');
    await db.transaction(async (tx) => {
      await promoteMatchResults(tx, { runId, associationIds });
      await updateMatchRunProgress(tx, runId, { phase: 'storing', ...counts });
      await finishMatchRun(tx, { id: runId, state: 'completed', finishedAt: new Date().toISOString() });
      await appendAuditEvent(tx, {
        actor,
        action: 'match_run.complete',
        entity: 'match_run',
        entityId: runId,
        detail: { ...counts },
      });
    });
    return counts;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.transaction(async (tx) => {
      await deleteMatchResults(tx, runId);
      await finishMatchRun(tx, {
        id: runId,
        state: 'failed',
        finishedAt: new Date().toISOString(),
        error: message,
      });
      await appendAuditEvent(tx, {
        actor,
        action: 'match_run.fail',
        entity: 'match_run',
        entityId: runId,
        detail: { error: message },
      });
    });
    throw error;
  }
}

/** A decision as stored: matches and possible matches only, keyed by the database ids. */
function toStored(decision: TMatchDecision): TMatchResultToStore | null {
  if (decision.decision === 'no_match' || decision.recordKey === null) return null;
  return {
    postId: Number(decision.postKey),
    rosterRecordId: Number(decision.recordKey),
    decision: decision.decision,
    probability: Math.min(1, Math.max(0, decision.probability)),
    score: decision.score,
    reasons: decision.reasons,
    candidates: decision.candidates,
    byReview: decision.reasons.some((r) => r.field === 'review'),
  };
}
