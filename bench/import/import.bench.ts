/**
 * Import throughput, per kind of file (associations, posts) and per database: a generated CSV imported
 * through the importer, then imported again (nothing changes), beside a naive row-by-row INSERT of the
 * same rows in the same run. Reports medians of the runs, the ratio importer ÷ naive (compare ratios of
 * one run only: the machine may be shared), CPU time, peak memory and the load average, and ends with a
 * Markdown table.
 *
 *   npx tsx bench/import/import.bench.ts [rows=100000] [runs=3]
 *   DATABASE_URL=postgres://… npx tsx bench/import/import.bench.ts   (also against a PostgreSQL server)
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { maskResidentId } from '../../src/core/ids/resident-id.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { importFile } from '../../src/import/importer.ts';
import { createPersonalDataProtector, type PersonalDataProtector } from '../../src/security/personal-data.ts';
import { associationsCsv, organsCsv, postsCsv, TODAY } from './generate.ts';

const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
const ORGANS = 2_000;
const ASSOCIATIONS = 20_000;
const protector = createPersonalDataProtector('ef'.repeat(32));
const actor = { id: null, label: 'bench' };

type TKind = 'associations' | 'posts';
type TTarget = { label: string; open: () => Promise<Db & { dispose(): Promise<void> }> };

function pgliteTarget(): TTarget {
  return {
    label: 'embedded (PGlite, in memory)',
    open: async () => {
      const db = await openDatabase({ kind: 'pglite' });
      return Object.assign(db, { dispose: () => db.close() });
    },
  };
}

/** A scratch database on the server for each run, dropped afterwards. */
function postgresTarget(url: string): TTarget {
  return {
    label: 'PostgreSQL server',
    open: async () => {
      const name = `tuogou_bench_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const target = new URL(url);
      target.pathname = `/${name}`;
      const db = await openDatabase({ kind: 'postgres', url: target.toString() });
      return Object.assign(db, {
        dispose: async () => {
          await db.close();
          const cleanup = new pg.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      });
    },
  };
}

type TFiles = { organs: string; references: string; associations: string; posts: string };

async function importText(db: Db, fileName: string, csv: string) {
  const result = await importFile({
    db,
    protector,
    actor,
    fileName,
    content: Buffer.from(csv),
    today: TODAY,
  });
  if (!result.ok) throw new Error(`${fileName}: ${JSON.stringify(result.issues.slice(0, 3))}`);
}

/** What a file of each kind needs in the registry first. */
async function loadReferences(db: Db, kind: TKind, files: TFiles) {
  if (kind !== 'posts') return;
  await importText(db, 'organs.csv', files.organs);
  await importText(db, 'associations.csv', files.references);
}

const orNull = (value: string | undefined) => (value ? value : null);

/** The naive way: one INSERT per row (two for a post: its holder, then the post), in one transaction. */
async function naiveInsert(db: Db, kind: TKind, rows: string[][], keys: PersonalDataProtector) {
  await db.transaction(async (tx) => {
    if (kind === 'associations') {
      for (const row of rows) {
        const [uscc, name, short, level, region, industry, registrar, founded, registered, status] = row;
        const [address, phone, members] = row.slice(10);
        await tx.query(
          `INSERT INTO associations (uscc, name, short_name, level, region_code, industry, registrar,
             founded_on, registered_on, status, address, phone, member_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            uscc,
            name,
            orNull(short),
            level === '全国' ? 'national' : level === '市级' ? 'municipal' : level,
            region,
            orNull(industry),
            orNull(registrar),
            orNull(founded),
            registered ? registered.replaceAll('/', '-').replace(/-(\d)(?=-|$)/g, '-0$1') : null,
            status === '正常' ? 'active' : status,
            orNull(address),
            orNull(phone),
            members ? Number(members) : null,
          ],
        );
      }
      return;
    }
    for (const row of rows) {
      const [u, name, id, sex, birth, role, started, ended, term, paid, organ] = row as string[];
      const idHash = id ? keys.hash(id) : null;
      const key = idHash ? `id:${idHash}` : `nm:${keys.hash(`${name}|${birth}|${u}`)}`;
      const person = await tx.query<{ id: number }>(
        `INSERT INTO persons (person_key, id_hash, id_cipher, id_masked, name, sex, birth_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          key,
          idHash,
          id ? keys.encrypt(id) : null,
          id ? maskResidentId(id) : null,
          name,
          sex === '男' ? 'male' : sex === '女' ? 'female' : null,
          birth || null,
        ],
      );
      await tx.query(
        `INSERT INTO posts (association_id, person_id, role, started_on, ended_on, term_number, remunerated, recommended_by_organ_id)
         VALUES ((SELECT id FROM associations WHERE uscc = $1), $2, $3, $4, $5, $6, $7, (SELECT id FROM organs WHERE code = $8))`,
        [u, person.rows[0]!.id, role, started, ended || null, Number(term), paid === '是', organ || null],
      );
    }
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

type TMeasure = { wallMs: number; cpuMs: number };

/** Wall and CPU time of this process (the server's CPU is not counted), and peak memory while it runs. */
async function measure<T>(fn: () => Promise<T>, peak: { rss: number; heap: number }) {
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
  };
  const sampler = setInterval(sample, 25);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const result = await fn();
    const used = process.cpuUsage(cpu);
    return { result, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    clearInterval(sampler);
    sample();
  }
}

type TRow = {
  database: string;
  kind: TKind;
  importer: number;
  importerCpu: number;
  reimport: number;
  naive: number;
  ratio: number;
  peakRss: number;
  peakHeap: number;
  load: string;
};

async function benchKind(target: TTarget, kind: TKind, files: TFiles, file: string): Promise<TRow> {
  const importer: TMeasure[] = [];
  const reimport: number[] = [];
  const naive: TMeasure[] = [];
  const ratios: number[] = [];
  const peak = { rss: 0, heap: 0 };
  const rows = (parse(files[kind]) as string[][]).slice(1);
  const loadBefore = load();
  for (let run = 1; run <= RUNS; run++) {
    const db = await target.open();
    try {
      await loadReferences(db, kind, files);
      const first = await measure(
        () =>
          importFile({
            db,
            protector,
            actor,
            fileName: `${kind}.csv`,
            content: createReadStream(file),
            today: TODAY,
          }),
        peak,
      );
      if (!first.result.ok || first.result.counts.inserted !== ROWS) {
        throw new Error(
          `import failed: ${JSON.stringify(first.result.counts)} ${JSON.stringify(first.result.issues.slice(0, 3))}`,
        );
      }
      importer.push(first);
      const again = await measure(
        () =>
          importFile({
            db,
            protector,
            actor,
            fileName: `${kind}.csv`,
            content: createReadStream(file),
            today: TODAY,
          }),
        { rss: 0, heap: 0 },
      );
      if (again.result.counts.unchanged !== ROWS)
        throw new Error(`re-import changed rows: ${JSON.stringify(again.result.counts)}`);
      reimport.push(again.wallMs);
    } finally {
      await db.dispose();
    }
    const baselineDb = await target.open();
    try {
      await loadReferences(baselineDb, kind, files);
      const timed = await measure(() => naiveInsert(baselineDb, kind, rows, protector), { rss: 0, heap: 0 });
      naive.push(timed);
    } finally {
      await baselineDb.dispose();
    }
    ratios.push(naive.at(-1)!.wallMs / importer.at(-1)!.wallMs);
    console.log(
      `  ${kind} run ${run}: importer ${Math.round(importer.at(-1)!.wallMs)} ms (CPU ${Math.round(importer.at(-1)!.cpuMs)} ms), re-import ${Math.round(reimport.at(-1)!)} ms, naive ${Math.round(naive.at(-1)!.wallMs)} ms, ratio ${ratios.at(-1)!.toFixed(1)}×, load ${load()}`,
    );
  }
  const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
  return {
    database: target.label,
    kind,
    importer: rate(median(importer.map((m) => m.wallMs))),
    importerCpu: rate(median(importer.map((m) => m.cpuMs))),
    reimport: rate(median(reimport)),
    naive: rate(median(naive.map((m) => m.wallMs))),
    ratio: median(ratios),
    peakRss: mb(peak.rss),
    peakHeap: mb(peak.heap),
    load: `${loadBefore} → ${load()}`,
  };
}

const files: TFiles = {
  organs: organsCsv(ORGANS),
  references: associationsCsv(ASSOCIATIONS),
  associations: associationsCsv(ROWS),
  posts: postsCsv({ rows: ROWS, organs: ORGANS, associations: ASSOCIATIONS }),
};
const folder = await mkdtemp(join(tmpdir(), 'tuogou-bench-'));
const results: TRow[] = [];
try {
  const targets = [pgliteTarget()];
  if (process.env.DATABASE_URL) targets.push(postgresTarget(process.env.DATABASE_URL));
  for (const target of targets) {
    for (const kind of ['associations', 'posts'] as const) {
      const file = join(folder, `${kind}.csv`);
      await writeFile(file, files[kind]);
      console.log(`${target.label}, ${kind}: ${ROWS} rows, ${RUNS} runs`);
      results.push(await benchKind(target, kind, files, file));
    }
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}

const format = (n: number) => n.toLocaleString('en-US');
console.log(
  `\n${process.env.DATABASE_URL ? 'DATABASE_URL=postgres://… ' : ''}npx tsx bench/import/import.bench.ts ${ROWS} ${RUNS}` +
    `  (Node ${process.version}, medians of ${RUNS} runs; CPU rows/s count this process only)\n`,
);
console.log(
  '| database | file | rows | importer rows/s | importer rows/CPU-s | re-import rows/s | naive rows/s | importer ÷ naive | peak RSS | peak JS heap | load average (1 min, 5, 15) |',
);
console.log('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|');
for (const r of results) {
  console.log(
    `| ${r.database} | ${r.kind} | ${format(ROWS)} | ${format(r.importer)} | ${format(r.importerCpu)} | ${format(r.reimport)} | ${format(r.naive)} | ${r.ratio.toFixed(1)}× | ${r.peakRss} MB | ${r.peakHeap} MB | ${r.load} |`,
  );
}
