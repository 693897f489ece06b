import { parentPort, workerData } from 'node:worker_threads';
import { deserialiseRosterIndex, type TRawRosterIndex } from './index-transfer.ts';
import { createMatcher, type TMatchParameters } from './match.ts';
import { createOrganResolver } from './organs.ts';
import type { TOrganRow, TPostRow, TReviewDecision } from './types.ts';

/**
 * Worker side of threaded matching: decides batches of posts against the roster index, which sits
 * in shared memory (read, never copied). Posts and decisions cross as JSON text, one string a batch.
 */

type TWorkerData = {
  index: TRawRosterIndex;
  key: Uint8Array;
  organs: TOrganRow[];
  associationOrgans: [string, string[]][];
  reviews: TReviewDecision[];
  parameters?: Partial<TMatchParameters>;
  today: string;
};

const data = workerData as TWorkerData;
const matcher = createMatcher({
  index: deserialiseRosterIndex(data.index),
  key: data.key,
  organs: createOrganResolver(data.organs),
  associationOrgans: new Map(data.associationOrgans),
  reviews: data.reviews,
  parameters: data.parameters,
  today: data.today,
});

parentPort!.on('message', (message: { kind: 'posts'; text: string }) => {
  const posts = JSON.parse(message.text) as TPostRow[];
  parentPort!.postMessage({ kind: 'decisions', text: JSON.stringify(posts.map(matcher.matchPost)) });
});
