import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  deserialiseRosterColumns,
  packRows,
  serialiseRosterIndex,
  type TRawRosterColumns,
} from './index-transfer.ts';
import { createMatcher, type TMatchParameters } from './match.ts';
import { createOrganResolver, type TOrganResolver } from './organs.ts';
import {
  buildRosterIndex,
  createRosterIndexBuilder,
  mergeRosterColumns,
  type TPartRun,
  type TRosterColumns,
  type TRosterIndex,
} from './roster-index.ts';
import type { TLinkRow, TMatchDecision, TOrganRow, TPostRow, TReviewDecision, TRosterRow } from './types.ts';

type TRows<T> = AsyncIterable<T> | Iterable<T>;

export type RunMatchingOptions = {
  /** The screening key; roster identifiers and names are kept only as HMACs under it. */
  key: Uint8Array;
  /** Roster streams (serving officials, retired cadres…), read once, row by row. */
  rosters: TRows<TRosterRow>[];
  posts: TRows<TPostRow>;
  /** Organ directory, to resolve roster employers given by name or abbreviation. */
  organs?: Iterable<TOrganRow>;
  /** Organ–association links; a roster organ linked to the post's association counts as evidence. */
  links?: Iterable<TLinkRow>;
  /** Reviewer decisions of earlier runs: confirmed pairs are kept, rejected pairs never proposed again. */
  reviews?: Iterable<TReviewDecision>;
  parameters?: Partial<TMatchParameters>;
  /** The date of the run, for ID validation. */
  today: string;
  /** Expected roster rows in all, to size the index once. */
  expectedRosterSize?: number;
  /**
   * Fingerprint the roster rows in worker threads while this thread reads them, and decide the posts
   * in worker threads sharing the index: on two cores the reading (CSV parsing in the caller's
   * stream), the hashing and the scoring overlap. The decisions are those of a single thread.
   */
  indexInWorker?: boolean;
  /** Worker threads for indexing and for matching when `indexInWorker` is set; two by default. */
  threads?: number;
  /** Called once the roster index is built, with its size (for progress and memory reports). */
  onIndexed?: (index: TRosterIndex) => void;
};

type IndexRostersOptions = {
  key: Uint8Array;
  rosters: TRows<TRosterRow>[];
  today: string;
  resolver: TOrganResolver;
  expectedRosterSize?: number;
  reviewedRecordKeys: ReadonlySet<string>;
};

/** Builds the index in its own scope, so the builder's cache of names in clear is freed before matching. */
async function indexRosters({
  key,
  rosters,
  today,
  resolver,
  expectedRosterSize,
  reviewedRecordKeys,
}: IndexRostersOptions): Promise<TRosterIndex> {
  const builder = createRosterIndexBuilder({
    key,
    organs: resolver,
    today,
    expectedSize: expectedRosterSize,
    reviewedRecordKeys,
  });
  for (const roster of rosters) {
    for await (const row of roster) builder.add(row);
  }
  return builder.finish();
}

type IndexRostersInWorkersOptions = Omit<IndexRostersOptions, 'resolver'> & {
  organs: TOrganRow[];
  threads: number;
};

const BATCH_ROWS = 8192;
const BATCHES_IN_FLIGHT = 4;
const POST_BATCH = 2048;

/**
 * Starts a worker thread on a module of this folder. The project runs TypeScript through tsx; a
 * worker registers the loader itself before it imports a .ts module (loader flags do not reach
 * workers on Node 20). `require.resolve` finds the CommonJS entry of the tsx API, whose own import
 * breaks inside a worker, hence the .mjs one.
 */
function startWorker(module: string, workerData: unknown): Worker {
  const workerUrl = new URL(module, import.meta.url).href;
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`;
  // Test runners start threads with flags of their own; the bootstrap is all a worker needs.
  return new Worker(bootstrap, { eval: true, execArgv: [], workerData });
}

/**
 * The same index, built by `threads` worker threads while this one reads the rows: batches of rows
 * go round the workers, each packed in one string, with a bounded number in flight per worker so a
 * fast reader cannot pile a roster up in memory. Each worker returns its part of the columns by
 * transfer; the parts are joined in read order (so record numbers, and with them every decision, are
 * those of a single thread) into shared memory, and the blocking tables built over them.
 */
async function indexRostersInWorkers({
  key,
  rosters,
  today,
  organs,
  expectedRosterSize,
  reviewedRecordKeys,
  threads,
}: IndexRostersInWorkersOptions): Promise<TRosterIndex> {
  const workers = Array.from({ length: threads }, () =>
    startWorker('./index-worker.ts', {
      key,
      organs,
      today,
      expectedSize: expectedRosterSize ? Math.ceil(expectedRosterSize / threads) : undefined,
      reviewedRecordKeys: [...reviewedRecordKeys],
    }),
  );
  const inFlight = new Array<number>(threads).fill(0);
  const sent = new Array<number>(threads).fill(0);
  const plan: TPartRun[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const parts = workers.map(
    (worker, w) =>
      new Promise<TRosterColumns>((resolve, reject) => {
        worker.on('message', (message: { kind: 'ack' } | { kind: 'columns'; raw: TRawRosterColumns }) => {
          if (message.kind === 'ack') {
            inFlight[w]!--;
            wake?.();
            wake = null;
          } else resolve(deserialiseRosterColumns(message.raw));
        });
        worker.on('error', (error) => {
          failure = error;
          wake?.();
          reject(error);
        });
      }),
  );
  for (const part of parts) part.catch(() => undefined);
  let columns: TRosterColumns[];
  try {
    let batch: TRosterRow[] = [];
    let next = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const w = next;
      next = (next + 1) % threads;
      while (inFlight[w]! >= BATCHES_IN_FLIGHT && !failure)
        await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      workers[w]!.postMessage({ kind: 'rows', text: packRows(batch) });
      plan.push({ part: w, start: sent[w]!, count: batch.length });
      sent[w]! += batch.length;
      inFlight[w]!++;
      batch = [];
    };
    for (const roster of rosters) {
      for await (const row of roster) {
        batch.push(row);
        if (batch.length >= BATCH_ROWS) await flush();
      }
    }
    await flush();
    for (const worker of workers) worker.postMessage({ kind: 'finish' });
    columns = await Promise.all(parts);
  } finally {
    // The workers' heaps (their caches of names in clear among them) go before the parts are
    // joined: the join holds the parts and the joined columns at once, the highest memory of a run.
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return buildRosterIndex(mergeRosterColumns(columns, plan, true), true);
}

type MatchInWorkersOptions = {
  index: TRosterIndex;
  key: Uint8Array;
  organs: TOrganRow[];
  associationOrgans: Map<string, string[]>;
  reviews: TReviewDecision[];
  parameters?: Partial<TMatchParameters>;
  today: string;
  posts: TRows<TPostRow>;
  threads: number;
};

/**
 * Decides the posts in `threads` worker threads that share the index (it sits in shared memory),
 * while this thread reads the posts. Batches go round the workers and their decisions come back in
 * the order the posts were read.
 */
async function* matchInWorkers({
  index,
  threads,
  posts,
  ...rest
}: MatchInWorkersOptions): AsyncGenerator<TMatchDecision> {
  const { raw } = serialiseRosterIndex(index);
  const workers = Array.from({ length: threads }, () =>
    startWorker('./match-worker.ts', {
      index: raw,
      key: rest.key,
      organs: rest.organs,
      associationOrgans: [...rest.associationOrgans],
      reviews: rest.reviews,
      parameters: rest.parameters,
      today: rest.today,
    }),
  );
  // Each worker answers its batches in the order it got them.
  const waiting = workers.map(() => [] as { resolve: (text: string) => void; reject: (e: Error) => void }[]);
  workers.forEach((worker, w) => {
    worker.on('message', (message: { kind: 'decisions'; text: string }) =>
      waiting[w]!.shift()?.resolve(message.text),
    );
    worker.on('error', (error) => {
      for (const p of waiting[w]!.splice(0)) p.reject(error);
    });
  });
  const pending: Promise<string>[] = [];
  let next = 0;
  const send = (batch: TPostRow[]) => {
    const w = next;
    next = (next + 1) % threads;
    const answer = new Promise<string>((resolve, reject) => waiting[w]!.push({ resolve, reject }));
    answer.catch(() => undefined);
    workers[w]!.postMessage({ kind: 'posts', text: JSON.stringify(batch) });
    pending.push(answer);
  };
  try {
    let batch: TPostRow[] = [];
    for await (const post of posts) {
      batch.push(post);
      if (batch.length < POST_BATCH) continue;
      send(batch);
      batch = [];
      while (pending.length >= threads * BATCHES_IN_FLIGHT)
        yield* JSON.parse(await pending.shift()!) as TMatchDecision[];
    }
    if (batch.length > 0) send(batch);
    while (pending.length > 0) yield* JSON.parse(await pending.shift()!) as TMatchDecision[];
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Screens posts against rosters: streams every roster into the keyed index, then yields one decision
 * per post (match, possible or no_match, with the reasons). Nothing here touches a database or a
 * file, so the same run serves the CLI, the API and the benchmark.
 */
export async function* runMatching({
  key,
  rosters,
  posts,
  organs = [],
  links = [],
  reviews = [],
  parameters,
  today,
  expectedRosterSize,
  indexInWorker = false,
  threads = 2,
  onIndexed,
}: RunMatchingOptions): AsyncGenerator<TMatchDecision> {
  const organList = [...organs];
  const resolver = createOrganResolver(organList);
  const reviewList = [...reviews];
  const reviewedRecordKeys = new Set(
    reviewList.filter((r) => r.verdict === 'confirmed').map((r) => r.recordKey),
  );
  const index = indexInWorker
    ? await indexRostersInWorkers({
        key,
        rosters,
        today,
        organs: organList,
        expectedRosterSize,
        reviewedRecordKeys,
        threads: Math.max(1, threads),
      })
    : await indexRosters({ key, rosters, today, resolver, expectedRosterSize, reviewedRecordKeys });
  onIndexed?.(index);
  const associationOrgans = new Map<string, string[]>();
  for (const link of links) {
    const list = associationOrgans.get(link.association_uscc);
    if (list) list.push(link.organ_code);
    else associationOrgans.set(link.association_uscc, [link.organ_code]);
  }
  if (indexInWorker) {
    yield* matchInWorkers({
      index,
      key,
      organs: organList,
      associationOrgans,
      reviews: reviewList,
      parameters,
      today,
      posts,
      threads: Math.max(1, threads),
    });
    return;
  }
  const matcher = createMatcher({
    index,
    key,
    organs: resolver,
    associationOrgans,
    reviews: reviewList,
    parameters,
    today,
  });
  for await (const post of posts) yield matcher.matchPost(post);
}
