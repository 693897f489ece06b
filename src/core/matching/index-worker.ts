import { parentPort, workerData } from 'node:worker_threads';
import { serialiseRosterColumns, unpackRows } from './index-transfer.ts';
import { createOrganResolver } from './organs.ts';
import { createRosterIndexBuilder } from './roster-index.ts';
import type { TOrganRow } from './types.ts';

/**
 * Worker side of the threaded index: fingerprints the batches of rows the main thread parsed and
 * packed, and hands back its part of the columns; the main thread joins the parts in read order.
 */

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
    const { raw, transfer } = serialiseRosterColumns(builder.columns());
    parentPort!.postMessage({ kind: 'columns', raw }, transfer);
  }
});
