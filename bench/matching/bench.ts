import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createEvaluator, matchFiles, readTruth, summarise } from './evaluate.ts';
import { FILES, generateBenchmark, SCALES, type TScale } from './generate.ts';

/**
 * Officials matching end to end from files: generates the scale if its folder is missing, runs the
 * matcher (wall time, peak RSS, quality overall and per slice), then the DuckDB exact-key join over
 * the same files in the same process. Usage: `npx tsx bench/matching/bench.ts [XS|S|national] [dir]`;
 * for national, with `NODE_OPTIONS=--max-old-space-size=1536`, as `tuogou match` should run on files
 * that size (the index is outside the JavaScript heap; unbounded, the heap fills with spent rows).
 */

const TODAY = '2026-11-26';

async function duckdbBaseline(dir: string) {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  const file = (name: string) => `'${resolve(dir, name).replace(/'/g, "''")}'`;
  const read = (name: string) => `read_csv(${file(name)}, header = true, all_varchar = true)`;
  // The normalised ID body: 17 digits, with 19 inserted into a legacy 15-digit number.
  const body = (col: string) =>
    `CASE WHEN length(trim(${col})) = 15 THEN substr(trim(${col}), 1, 6) || '19' || substr(trim(${col}), 7, 9)
          WHEN length(trim(${col})) = 18 THEN substr(upper(trim(${col})), 1, 17) END`;
  const name = (col: string) => `regexp_replace(${col}, '\\s', '', 'g')`;
  await db.run(`CREATE TABLE r AS SELECT record_key, ${body('resident_id')} AS idb, ${name('name')} AS nm, birth_date AS bd
    FROM (SELECT * FROM ${read(FILES.serving)} UNION ALL SELECT * FROM ${read(FILES.retired)})`);
  await db.run(`CREATE TABLE p AS SELECT post_ref, ${body('resident_id')} AS idb, ${name('person_name')} AS nm, birth_date AS bd
    FROM ${read(FILES.posts)}`);
  await db.run(`CREATE TABLE m AS SELECT post_ref, min(record_key) AS record_key FROM (
      SELECT p.post_ref, r.record_key FROM p JOIN r ON p.idb = r.idb
      UNION ALL
      SELECT p.post_ref, r.record_key FROM p JOIN r ON p.nm = r.nm AND p.bd = r.bd
    ) GROUP BY post_ref`);
  const reader = await db.runAndReadAll(`SELECT
      count(*) FILTER (WHERE m.record_key IS NOT NULL AND m.record_key = t.record_key) AS tp,
      count(*) FILTER (WHERE m.record_key IS NOT NULL AND m.record_key IS DISTINCT FROM t.record_key) AS fp,
      count(*) FILTER (WHERE t.record_key IS NOT NULL AND m.record_key IS DISTINCT FROM t.record_key) AS fn
    FROM ${read(FILES.truth)} t LEFT JOIN m USING (post_ref)`);
  const row = reader.getRowObjects()[0]!;
  const seconds = (performance.now() - started) / 1000;
  db.closeSync();
  instance.closeSync();
  const counts = {
    tp: Number(row.tp),
    fp: Number(row.fp),
    fn: Number(row.fn),
    reviewTp: 0,
    possible: 0,
    posts: 0,
  };
  return { seconds: Math.round(seconds * 10) / 10, ...summarise(counts) };
}

async function main(): Promise<void> {
  const scale = (process.argv[2] ?? 'XS') as TScale;
  if (!(scale in SCALES))
    throw new Error(`scale must be one of ${Object.keys(SCALES).join(', ')}; got ${scale}`);
  const dir = process.argv[3] ?? join('bench', 'out', `matching-${scale}`);
  if (!existsSync(join(dir, FILES.truth))) {
    console.error(`generating ${scale} into ${dir}`);
    await generateBenchmark({ scale, seed: 20261126, outDir: dir });
  }
  const truth = await readTruth(dir);
  const evaluator = createEvaluator(truth);
  const key = Buffer.from('benchmark screening key, not a secret');
  const sizes = SCALES[scale];
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let indexSeconds = 0;
  let rosterSize = 0;
  let decisions = 0;
  for await (const d of matchFiles({
    dir,
    key,
    today: TODAY,
    expectedRosterSize: sizes.serving + sizes.retired,
    indexInWorker: process.env.MATCHING_SINGLE_THREAD !== '1',
    onIndexed: (s, n) => {
      indexSeconds = s;
      rosterSize = n;
    },
  })) {
    evaluator.add(d);
    decisions++;
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  // On a shared machine the wall time depends on the neighbours; CPU time shows the matcher's own cost.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const quality = evaluator.result();
  const baseline = await duckdbBaseline(dir);
  console.log(
    JSON.stringify(
      {
        scale,
        rosterRecords: rosterSize,
        posts: decisions,
        matcher: {
          wallSeconds: Math.round(wallSeconds * 10) / 10,
          cpuSeconds: Math.round(cpuSeconds * 10) / 10,
          loadAverage: Math.round(loadavg()[0]! * 10) / 10,
          indexSeconds: Math.round(indexSeconds * 10) / 10,
          maxRssMb,
          ...quality.all,
        },
        duckdbExactJoin: baseline,
        recallRatio: Math.round((quality.all!.recall / baseline.recall) * 1000) / 1000,
        slices: Object.fromEntries(
          Object.entries(quality)
            .filter(([name]) => name !== 'all')
            .map(([name, q]) => [
              name,
              {
                posts: q.posts,
                tp: q.tp,
                fp: q.fp,
                fn: q.fn,
                precision: q.precision,
                recall: q.recall,
                recallWithReview: q.recallWithReview,
                possible: q.possible,
              },
            ]),
        ),
      },
      null,
      1,
    ),
  );
}

await main();
