import { parentPort, workerData } from 'node:worker_threads';
import type { TOrganIndex } from '../core/policy/facts.ts';
import { BUILT_IN_PACKS } from '../core/policy/packs.ts';
import { OFFICIAL_CALENDAR } from './calendar.ts';
import { screenChunk, type TChunkContext, type TChunkInput } from './screen-chunk.ts';

/** Worker side of the screening pool: evaluates chunks the main thread read from the database. */

const data = workerData as { organs: TOrganIndex; asOf: string };
const context: TChunkContext = {
  organs: data.organs,
  asOf: data.asOf,
  calendar: OFFICIAL_CALENDAR,
  packs: BUILT_IN_PACKS,
  byRegion: new Map(),
};

parentPort!.on('message', (message: { id: number; input: TChunkInput }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: screenChunk(context, message.input) });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
