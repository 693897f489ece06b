import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TOrganIndex } from '../core/policy/facts.ts';
import type { TChunkInput, TChunkResult } from './screen-chunk.ts';

/**
 * Worker threads that evaluate screening chunks under the built-in packs and the official calendar,
 * while the main thread reads the next chunks and writes the findings of the previous ones.
 */
export type TScreeningPool = {
  run(input: TChunkInput): Promise<TChunkResult>;
  close(): Promise<void>;
};

export function createScreeningPool(options: {
  size: number;
  organs: TOrganIndex;
  asOf: string;
}): TScreeningPool {
  const workerUrl = new URL('./screen-worker.ts', import.meta.url).href;
  // The project runs TypeScript through tsx; a worker registers the loader itself before it imports
  // a .ts module (loader flags do not reach workers on Node 20), as the matching index worker does.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`;
  type TPending = { resolve: (result: TChunkResult) => void; reject: (error: Error) => void };
  const workers = Array.from({ length: options.size }, () => {
    const worker = new Worker(bootstrap, {
      eval: true,
      execArgv: [],
      // A chunk allocates hundreds of megabytes of short-lived facts and findings; a young generation
      // of 64 MB semi-spaces (the default is a few) collects them with far fewer, cheaper scavenges.
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
      workerData: { organs: options.organs, asOf: options.asOf },
    });
    const pending = new Map<number, TPending>();
    const fail = (error: Error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    worker.on('message', (message: { id: number; result?: TChunkResult; error?: string }) => {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.result) p.resolve(message.result);
      else p.reject(new Error(message.error ?? 'screening worker failed'));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`screening worker exited with code ${code}`)));
    return { worker, pending };
  });
  let next = 0;
  return {
    run(input) {
      // The least busy worker takes the chunk; ties go round-robin.
      const id = next++;
      const target = workers.reduce((best, w, i) =>
        w.pending.size < best.pending.size ||
        (w.pending.size === best.pending.size && i === id % workers.length)
          ? w
          : best,
      );
      return new Promise<TChunkResult>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        target.worker.postMessage({ id, input });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
