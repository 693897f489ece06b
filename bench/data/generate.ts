/**
 * Times the seeded dataset generator: writes the files for a scale under bench/out/<scale> and reports
 * wall time, rows per second and peak memory.
 *
 *   npx tsx bench/data/generate.ts [demo|national] [seed]
 */
import { fileURLToPath } from 'node:url';
import type { TScale } from '../../src/demo/dataset.ts';
import { writeDatasetFiles } from '../../src/demo/files.ts';

const scale = (process.argv[2] ?? 'national') as TScale;
if (scale !== 'demo' && scale !== 'national')
  throw new Error(`unknown scale ${scale}: expected demo or national`);
const seed = Number(process.argv[3] ?? 2015);
const outDir = fileURLToPath(new URL(`../out/${scale}`, import.meta.url));

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250);
const started = performance.now();
const cpuStart = process.cpuUsage();
const result = await writeDatasetFiles({ seed, scale, outDir });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const totalRows = Object.values(result.rows).reduce((a, b) => a + b, 0);
for (const [file, rows] of Object.entries(result.rows)) console.log(`${file.padEnd(22)} ${rows}`);
console.log(`planted cases          ${result.truth.planted.length}`);
console.log(`seconds                ${seconds.toFixed(1)}`);
console.log(`rows per second        ${Math.round(totalRows / seconds)}`);
// On a shared machine wall time depends on the neighbours; CPU time is what the generator costs.
console.log(`CPU seconds            ${((cpu.user + cpu.system) / 1e6).toFixed(1)}`);
console.log(`peak RSS (MB)          ${Math.round(peakRss / 2 ** 20)}`);
