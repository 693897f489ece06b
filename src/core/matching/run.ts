import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserialiseRosterIndex, packRows, type TRawRosterIndex } from './index-transfer.ts';
import { createMatcher, type TMatchParameters } from './match.ts';
import { createOrganResolver, type TOrganResolver } from './organs.ts';
import { createRosterIndexBuilder, type TRosterIndex } from './roster-index.ts';
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
   * Fingerprint the roster rows in a worker thread while this thread reads them: on two cores the
   * reading (CSV parsing in the caller's stream) and the hashing overlap.
   */
  indexInWorker?: boolean;
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

type IndexRostersInWorkerOptions = Omit<IndexRostersOptions, 'resolver'> & { organs: TOrganRow[] };

const BATCH_ROWS = 8192;
const BATCHES_IN_FLIGHT = 8;

/**
 * The same index, built in a worker thread. Rows are packed in batches and sent with a bounded
 * number in flight, so a fast reader cannot pile a whole roster up in memory; the finished columns
 * come back by transfer, not by copy.
 */
async function indexRostersInWorker({
  key,
  rosters,
  today,
  organs,
  expectedRosterSize,
  reviewedRecordKeys,
}: IndexRostersInWorkerOptions): Promise<TRosterIndex> {
  const workerUrl = new URL('./index-worker.ts', import.meta.url).href;
  // The project runs TypeScript through tsx; a worker thread registers the loader itself before it
  // imports a .ts module (loader flags do not reach workers on Node 20). `require.resolve` finds the
  // CommonJS entry of the tsx API, whose own import breaks inside a worker, hence the .mjs one.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`;
  const worker = new Worker(bootstrap, {
    eval: true,
    // Test runners start threads with flags of their own; the bootstrap is all a worker needs.
    execArgv: [],
    workerData: {
      key,
      organs,
      today,
      expectedSize: expectedRosterSize,
      reviewedRecordKeys: [...reviewedRecordKeys],
    },
  });
  let inFlight = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const finished = new Promise<TRosterIndex>((resolve, reject) => {
    worker.on('message', (message: { kind: 'ack' } | { kind: 'index'; raw: TRawRosterIndex }) => {
      if (message.kind === 'ack') {
        inFlight--;
        wake?.();
        wake = null;
      } else resolve(deserialiseRosterIndex(message.raw));
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
      reject(error);
    });
  });
  finished.catch(() => undefined);
  try {
    let batch: TRosterRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      while (inFlight >= BATCHES_IN_FLIGHT && !failure)
        await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      worker.postMessage({ kind: 'rows', text: packRows(batch) });
      inFlight++;
      batch = [];
    };
    for (const roster of rosters) {
      for await (const row of roster) {
        batch.push(row);
        if (batch.length >= BATCH_ROWS) await flush();
      }
    }
    await flush();
    worker.postMessage({ kind: 'finish' });
    return await finished;
  } finally {
    await worker.terminate();
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
  onIndexed,
}: RunMatchingOptions): AsyncGenerator<TMatchDecision> {
  const organList = [...organs];
  const resolver = createOrganResolver(organList);
  const reviewList = [...reviews];
  const reviewedRecordKeys = new Set(
    reviewList.filter((r) => r.verdict === 'confirmed').map((r) => r.recordKey),
  );
  const index = indexInWorker
    ? await indexRostersInWorker({
        key,
        rosters,
        today,
        organs: organList,
        expectedRosterSize,
        reviewedRecordKeys,
      })
    : await indexRosters({ key, rosters, today, resolver, expectedRosterSize, reviewedRecordKeys });
  onIndexed?.(index);
  const associationOrgans = new Map<string, string[]>();
  for (const link of links) {
    const list = associationOrgans.get(link.association_uscc);
    if (list) list.push(link.organ_code);
    else associationOrgans.set(link.association_uscc, [link.organ_code]);
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
