import { availableParallelism } from 'node:os';
import type { TWorkingDayCalendar } from '../core/policy/dates.ts';
import type { TEvaluation } from '../core/policy/engine.ts';
import { BUILT_IN_PACKS, type TResolvedPack } from '../core/policy/packs.ts';
import type { Db, Queryable } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import { loadOrganIndex } from '../db/repositories/facts.repository.ts';
import { readFactsJson } from '../db/repositories/facts-read.repository.ts';
import {
  countFindingChanges,
  failRun,
  findRunningRunId,
  finishRun,
  insertRun,
  listAssociationIds,
  readStoredFindingsJson,
  type TRunCounts,
  writeFindingChanges,
} from '../db/repositories/findings.repository.ts';
import type { TRegistryScope } from '../db/repositories/registry-read.repository.ts';
import { OFFICIAL_CALENDAR } from './calendar.ts';
import { screenChunk, type TChunkContext, type TChunkInput, type TChunkResult } from './screen-chunk.ts';
import { createScreeningPool, type TScreeningPool } from './screen-pool.ts';

/**
 * `screening`: chunks are read, evaluated and (on PostgreSQL) written; `storing`: the findings of
 * every chunk are written (the embedded database writes them after all chunks are evaluated).
 */
export type TScreeningPhase = 'screening' | 'storing';

export type TScreeningProgress = { done: number; total: number; phase: TScreeningPhase };

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
  /**
   * Worker threads evaluating chunks (0: in this thread). By default, runs of more than two chunks
   * under the built-in packs and calendar use up to two.
   */
  workers?: number;
  /**
   * Work that follows a successful run before it counts as finished (`waitForScreeningRuns` waits
   * for it), e.g. raising the case notices of the findings just stored. Its failure does not undo
   * the run, which is already committed.
   */
  afterRun?: (result: TScreeningResult) => Promise<unknown>;
};

export type TScreeningResult = {
  runId: number;
  counts: TRunCounts;
  /** Present when `collect` was set: each association's evaluation, in association id order. */
  evaluations?: TEvaluation[];
  /**
   * Milliseconds spent reading facts (summed over the reading connections), evaluating (summed over
   * the worker threads) and writing findings; the three overlap, so they do not add up to `total`.
   */
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

/** Another screening run is running; one at a time. */
export class ScreeningBusyError extends Error {
  constructor(readonly runningRunId: number) {
    super(`Screening run ${runningRunId} is still running; start another when it has finished`);
    this.name = 'ScreeningBusyError';
  }
}

const DEFAULT_CHUNK = 5_000;
/** Connections reading chunks at once on PostgreSQL. */
const READERS = 2;
/** Held by a running run's transaction on PostgreSQL: tells a live run from one whose process died. */
const RUN_LOCK = 4_820_173;

/** Progress of the runs this process is running, by run id. */
const active = new Map<number, TScreeningProgress>();
/** The run of this process on a database, if any. */
const runningOn = new Map<Db, Promise<unknown>>();

/** Waits until the run of this process on `db`, if any, has finished (successfully or not). */
export async function waitForScreeningRuns(db: Db): Promise<void> {
  await runningOn.get(db)?.catch(() => undefined);
}

/** How far a run this process is running has come; `undefined` once it has finished (or elsewhere). */
export function screeningProgress(runId: number): TScreeningProgress | undefined {
  const progress = active.get(runId);
  return progress ? { ...progress } : undefined;
}

/**
 * Claims the single running slot: inserts the run row, committed at once so that the run is listed
 * while it works. When the slot is taken by a run nobody is running any more (its process died), that
 * run is closed as failed and the slot claimed again.
 */
async function claimRun(
  options: RunScreeningOptions & { scope: TRegistryScope; startedAt: string },
): Promise<number> {
  const { db, asOf, scope, actor, startedAt } = options;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const claimed = await db.transaction(async (tx) => {
      const id = await insertRun(tx, { asOf, scope, actorLabel: actor.label, startedAt });
      if (id !== null)
        await appendAuditEvent(tx, {
          actor,
          action: 'screening.start',
          entity: 'screening_run',
          entityId: id,
          detail: { asOf, scope },
        });
      return id;
    });
    if (claimed !== null) return claimed;
    const running = await db.transaction(async (tx) => {
      const id = await findRunningRunId(tx);
      if (id === null || active.has(id)) return id;
      if (db.kind === 'postgres') {
        const { rows } = await tx.query<{ free: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS free', [
          RUN_LOCK,
        ]);
        if (!rows[0]!.free) return id;
      }
      await failRun(tx, { id, error: 'interrupted: the process running it stopped' });
      await appendAuditEvent(tx, {
        actor,
        action: 'screening.fail',
        entity: 'screening_run',
        entityId: id,
        detail: { error: 'interrupted' },
      });
      return null;
    });
    if (running !== null) throw new ScreeningBusyError(running);
  }
  throw new ScreeningBusyError(0);
}

/**
 * Starts screening the associations of a scope on a date and returns as soon as the run is recorded
 * (status `running`), with the promise of its result. Throws `ScreeningBusyError` when a run is
 * already running. See `runScreening` for what a run does.
 */
export async function startScreening(
  options: RunScreeningOptions,
): Promise<{ runId: number; done: Promise<TScreeningResult> }> {
  const scope: TRegistryScope = options.scope ?? { kind: 'all' };
  const startedAt = new Date().toISOString();
  const runId = await claimRun({ ...options, scope, startedAt });
  active.set(runId, { done: 0, total: 0, phase: 'screening' });
  const done = screen({ ...options, scope }, runId)
    .then(async (result) => {
      await options.afterRun?.(result).catch(() => undefined);
      return result;
    })
    .catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      await options.db.transaction(async (tx) => {
        await failRun(tx, { id: runId, error: message });
        await appendAuditEvent(tx, {
          actor: options.actor,
          action: 'screening.fail',
          entity: 'screening_run',
          entityId: runId,
          detail: { asOf: options.asOf, scope, error: message },
        });
      });
      throw new ScreeningFailedError(runId, error);
    })
    .finally(() => {
      active.delete(runId);
      if (runningOn.get(options.db) === done) runningOn.delete(options.db);
    });
  runningOn.set(options.db, done);
  return { runId, done };
}

/**
 * Screens the associations of a scope on a date: reads their facts in chunks (one statement per
 * chunk), evaluates each under the pack in force for its region, stores the findings (new ones
 * inserted, changed ones rewritten, unchanged ones left as they are and marked seen by the
 * association's screening row) and marks the earlier findings of those associations it no longer
 * sees as resolved. Every write of the run, its closing and its audit event included, lands in one
 * transaction: a run that fails or is killed leaves no findings and no half-updated ones, only the
 * record of its failure.
 *
 * On PostgreSQL the chunks are read on a second connection inside the snapshot of the writing
 * transaction, evaluated in worker threads and written as they come, so reading, evaluating and
 * writing overlap. The embedded database has one connection: it reads and evaluates first (other
 * requests are served between chunks) and writes everything in one transaction at the end.
 */
export async function runScreening(options: RunScreeningOptions): Promise<TScreeningResult> {
  const { done } = await startScreening(options);
  return done;
}

type TChunkStats = { counts: TRunCounts; timings: TScreeningResult['timings']; evaluations: TEvaluation[] };

function workerCount(options: RunScreeningOptions, chunks: number): number {
  if (options.workers !== undefined) return options.workers;
  if (options.collect || options.calendar || options.packs || chunks <= 2) return 0;
  return Math.min(2, availableParallelism());
}

function chunksOf(ids: readonly number[], size: number): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}

async function readChunk(q: Queryable, ids: readonly number[], stats: TChunkStats): Promise<TChunkInput> {
  const t = performance.now();
  const factsJson = await readFactsJson(q, { ids });
  const storedJson = await readStoredFindingsJson(q, ids);
  stats.timings.load += performance.now() - t;
  return { factsJson, storedJson };
}

/**
 * Lends a few connections out one read at a time, first come first served: each chunk's read waits
 * for a free one.
 */
function readerQueue(
  readers: readonly Queryable[],
): (read: (q: Queryable) => Promise<TChunkInput>) => Promise<TChunkInput> {
  const free = [...readers];
  const waiting: ((q: Queryable) => void)[] = [];
  const release = (q: Queryable) => {
    const next = waiting.shift();
    if (next) next(q);
    else free.push(q);
  };
  return async (read) => {
    const q = free.pop() ?? (await new Promise<Queryable>((resolve) => waiting.push(resolve)));
    try {
      return await read(q);
    } finally {
      release(q);
    }
  };
}

/**
 * Reads, evaluates and hands over the chunks in order, a few chunks ahead of the one being handed
 * over so that the database, the workers and the writer stay busy together.
 */
async function pipeChunks(options: {
  chunks: readonly number[][];
  read: (ids: readonly number[]) => Promise<TChunkInput>;
  evaluate: (input: TChunkInput) => Promise<TChunkResult>;
  ahead: number;
  take: (result: TChunkResult, index: number) => Promise<void>;
}): Promise<void> {
  const { chunks } = options;
  const results: Promise<TChunkResult>[] = [];
  // Each evaluation starts as soon as its chunk is read; `read` queues for its connection.
  const schedule = (index: number) => {
    const result = options.read(chunks[index]!).then(options.evaluate);
    // A chunk that fails after the run was abandoned must not surface as unhandled.
    result.catch(() => undefined);
    results.push(result);
  };
  for (let index = 0; index < chunks.length; index += 1) {
    while (results.length < Math.min(chunks.length, index + 1 + options.ahead)) schedule(results.length);
    await options.take(await results[index]!, index);
  }
}

async function screen(
  options: RunScreeningOptions & { scope: TRegistryScope },
  runId: number,
): Promise<TScreeningResult> {
  const { db, asOf, scope, actor } = options;
  const started = performance.now();
  const stats: TChunkStats = {
    counts: { associations: 0, findings: 0, newFindings: 0, persistingFindings: 0, resolvedFindings: 0 },
    timings: { load: 0, evaluate: 0, store: 0, total: 0 },
    evaluations: [],
  };
  const report = (progress: TScreeningProgress) => {
    active.set(runId, progress);
    options.onProgress?.(progress);
  };
  const context = (organs: TChunkContext['organs']): TChunkContext => ({
    organs,
    asOf,
    calendar: options.calendar ?? OFFICIAL_CALENDAR,
    packs: options.packs ?? BUILT_IN_PACKS,
    byRegion: new Map(),
  });
  const evaluator = (organs: TChunkContext['organs'], chunks: number) => {
    const workers = workerCount(options, chunks);
    const pool: TScreeningPool | null =
      workers > 0 ? createScreeningPool({ size: workers, organs, asOf }) : null;
    const inThread = context(organs);
    return {
      pool,
      ahead: Math.max(1, workers) + 1,
      evaluate: async (input: TChunkInput) => {
        const result = pool ? await pool.run(input) : screenChunk(inThread, input, options.collect);
        stats.timings.evaluate += result.evaluateMs;
        return result;
      },
    };
  };
  const write = async (tx: Queryable, result: TChunkResult) => {
    const t = performance.now();
    await writeFindingChanges(tx, {
      runId,
      asOf,
      changes: result.changes,
      associationIds: result.associationIds,
    });
    stats.timings.store += performance.now() - t;
    const counted = countFindingChanges(result.changes);
    stats.counts.findings += result.findings;
    stats.counts.newFindings += counted.inserted;
    stats.counts.persistingFindings += counted.persisting;
    stats.counts.resolvedFindings += counted.resolved;
    if (result.evaluations) stats.evaluations.push(...result.evaluations);
  };
  const close = async (tx: Queryable) => {
    await finishRun(tx, { id: runId, status: 'completed', counts: stats.counts });
    await appendAuditEvent(tx, {
      actor,
      action: 'screening.run',
      entity: 'screening_run',
      entityId: runId,
      detail: { asOf, scope, ...stats.counts },
    });
  };
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;

  if (db.kind === 'postgres') {
    await db.transaction(async (tx) => {
      // Plans of these statements are cheap; compiling them to machine code costs more than it saves.
      await tx.query('SET LOCAL jit = off');
      await tx.query('SELECT pg_advisory_xact_lock($1)', [RUN_LOCK]);
      const ids = await listAssociationIds(tx, scope);
      const organs = await loadOrganIndex(tx);
      stats.counts.associations = ids.length;
      const chunks = chunksOf(ids, chunkSize);
      report({ done: 0, total: ids.length, phase: 'screening' });
      const { rows } = await tx.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      const snapshot = rows[0]!.snapshot;
      // The readers see exactly what the writing transaction saw when it started. Two of them keep
      // the server's second core busy while the first builds a chunk's document.
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const opening = Array.from({ length: Math.min(READERS, chunks.length) }, () => {
        let readerReady: (reader: Queryable) => void = () => {};
        const ready = new Promise<Queryable>((resolve) => (readerReady = resolve));
        const reader = db.transaction(async (r) => {
          await r.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          await r.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, '')}'`);
          await r.query('SET LOCAL jit = off');
          // A chunk's document (several megabytes) is sorted in memory rather than on disk; the
          // readers already keep both cores busy, without parallel workers of their own.
          await r.query(`SET LOCAL work_mem = '64MB'`);
          await r.query('SET LOCAL max_parallel_workers_per_gather = 0');
          readerReady(r);
          await released;
        });
        return { ready, reader };
      });
      const readerFailed = Promise.race(
        opening.map(({ reader }) =>
          reader.then(
            () => new Promise<never>(() => {}),
            (error: unknown) => Promise.reject(error),
          ),
        ),
      );
      readerFailed.catch(() => undefined);
      const { pool, ahead, evaluate } = evaluator(organs, chunks.length);
      let closed = false;
      try {
        const opened = await Promise.race([Promise.all(opening.map(({ ready }) => ready)), readerFailed]);
        // Reads scheduled ahead must not reach a connection once it went back to the pool.
        const guarded = opened.map(
          (q): Queryable => ({
            query: (sql, params) =>
              closed ? Promise.reject(new Error('the screening run stopped reading')) : q.query(sql, params),
            exec: (sql) =>
              closed ? Promise.reject(new Error('the screening run stopped reading')) : q.exec(sql),
          }),
        );
        const withReader = readerQueue(guarded);
        let done = 0;
        await pipeChunks({
          chunks,
          ahead: ahead + guarded.length - 1,
          read: (chunk) => Promise.race([withReader((r) => readChunk(r, chunk, stats)), readerFailed]),
          evaluate,
          take: async (result) => {
            await write(tx, result);
            done += result.associationIds.length;
            report({ done, total: ids.length, phase: 'screening' });
          },
        });
      } finally {
        closed = true;
        release();
        await Promise.all(opening.map(({ reader }) => reader.catch(() => undefined)));
        await pool?.close();
      }
      await close(tx);
    });
  } else {
    // One connection: reading outside a transaction lets other requests in between chunks; the
    // writes wait for the end and land together.
    const ids = await listAssociationIds(db, scope);
    const organs = await loadOrganIndex(db);
    stats.counts.associations = ids.length;
    const chunks = chunksOf(ids, chunkSize);
    report({ done: 0, total: ids.length, phase: 'screening' });
    const { pool, ahead, evaluate } = evaluator(organs, chunks.length);
    const results: TChunkResult[] = [];
    const withReader = readerQueue([db]);
    try {
      let done = 0;
      await pipeChunks({
        chunks,
        ahead,
        read: (chunk) => withReader((q) => readChunk(q, chunk, stats)),
        evaluate,
        take: async (result) => {
          results.push(result);
          done += result.associationIds.length;
          report({ done, total: ids.length, phase: 'screening' });
        },
      });
    } finally {
      await pool?.close();
    }
    await db.transaction(async (tx) => {
      let done = 0;
      report({ done, total: ids.length, phase: 'storing' });
      for (const result of results) {
        await write(tx, result);
        done += result.associationIds.length;
        report({ done, total: ids.length, phase: 'storing' });
      }
      await close(tx);
    });
  }
  stats.timings.total = performance.now() - started;
  return {
    runId,
    counts: stats.counts,
    timings: stats.timings,
    ...(options.collect ? { evaluations: stats.evaluations } : {}),
  };
}
