import { parentPort, workerData } from 'node:worker_threads';
import { serialiseRosterIndex, unpackRows } from './index-transfer.ts';
import { createOrganResolver } from './organs.ts';
import { createRosterIndexBuilder } from './roster-index.ts';
import type { TOrganRow } from './types.ts';

/** Worker side of `indexRostersInWorker`: fingerprints rows the main thread parsed and packed. */

type TWorkerData = {
  key: Uint8Array;
  organs: TOrganRow[];
  today: string;
  expectedSize?: number;
  reviewedRecordKeys: string[];
};

const data = workerData as TWorkerData;
const builder = createRosterIndexBuilder({
  key: data.key,
  organs: createOrganResolver(data.organs),
  today: data.today,
  expectedSize: data.expectedSize,
  reviewedRecordKeys: new Set(data.reviewedRecordKeys),
});

parentPort!.on('message', (message: { kind: 'rows'; text: string } | { kind: 'finish' }) => {
  if (message.kind === 'rows') {
    unpackRows(message.text, builder.add);
    parentPort!.postMessage({ kind: 'ack' });
  } else {
    const { raw, transfer } = serialiseRosterIndex(builder.finish());
    parentPort!.postMessage({ kind: 'index', raw }, transfer);
  }
});
