/**
 * Import throughput: a generated CSV of N posts (organs and associations loaded first) imported through
 * the importer, beside a naive row-by-row INSERT of the same rows, in the same script.
 *
 *   npx tsx bench/import/import.bench.ts [rows=200000] [runs=3]
 *   DATABASE_URL=postgres://… npx tsx bench/import/import.bench.ts   (also against a PostgreSQL server)
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { maskResidentId, residentIdCheckCharacter } from '../../src/core/ids/resident-id.ts';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import { POST_ROLES } from '../../src/core/registry/types.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { importFile } from '../../src/import/importer.ts';
import { createPersonalDataProtector, type PersonalDataProtector } from '../../src/security/personal-data.ts';

const ROWS = Number(process.argv[2] ?? 200_000);
const RUNS = Number(process.argv[3] ?? 3);
const ORGANS = 2_000;
const ASSOCIATIONS = 20_000;
const TODAY = '2026-01-15';
const protector = createPersonalDataProtector('ef'.repeat(32));
const actor = { id: null, label: 'bench' };

/** A small deterministic generator, so every run imports the same file. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const organCode = (i: number) => `ORG${String(i).padStart(6, '0')}`;
const uscc = (i: number) => composeUscc('5', '1', '110105', `MJ${String(i).padStart(6, '0')}`);

function residentId(i: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `110105${birth.replaceAll('-', '')}${String(Math.floor(i / 20_000) % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

type TPostRow = string[];

function generate(): { organs: string; associations: string; posts: TPostRow[] } {
  const rand = random(20260115);
  const organs = [['code', 'name', 'kind', 'is_administrative', 'level', 'region_code']];
  for (let i = 0; i < ORGANS; i++)
    organs.push([organCode(i), `机关${i}`, 'government', 'true', 'national', '100000']);
  const associations = [['uscc', 'name', 'level', 'region_code', 'founded_on']];
  for (let i = 0; i < ASSOCIATIONS; i++)
    associations.push([uscc(i), `协会${i}`, 'national', '100000', '1995-06-01']);
  const posts: TPostRow[] = [
    [
      'association_uscc',
      'person_name',
      'resident_id',
      'sex',
      'birth_date',
      'role',
      'started_on',
      'ended_on',
      'term_number',
      'remunerated',
      'recommended_by_organ_code',
    ],
  ];
  for (let i = 0; i < ROWS; i++) {
    const withId = rand() < 0.6;
    const started = `20${String(10 + Math.floor(rand() * 14)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    posts.push([
      uscc(Math.floor(rand() * ASSOCIATIONS)),
      `人员${i}`,
      withId ? residentId(i) : '',
      withId ? '' : rand() < 0.5 ? '男' : '女',
      withId ? '' : '1960-05-01',
      POST_ROLES[Math.floor(rand() * POST_ROLES.length)]!,
      started,
      rand() < 0.3 ? `${Number(started.slice(0, 4)) + 3}${started.slice(4)}` : '',
      String(1 + Math.floor(rand() * 6)),
      rand() < 0.1 ? '是' : '否',
      rand() < 0.2 ? organCode(Math.floor(rand() * ORGANS)) : '',
    ]);
  }
  return { organs: stringify(organs), associations: stringify(associations), posts };
}

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

async function loadReferences(db: Db, data: ReturnType<typeof generate>) {
  for (const [name, csv] of [
    ['organs.csv', data.organs],
    ['associations.csv', data.associations],
  ] as const) {
    const result = await importFile({
      db,
      protector,
      actor,
      fileName: name,
      content: Buffer.from(csv),
      today: TODAY,
    });
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.issues.slice(0, 3))}`);
  }
}

/** The naive way: one INSERT per person and one per post, row by row, in one transaction. */
async function naiveInsert(db: Db, posts: TPostRow[], keys: PersonalDataProtector) {
  await db.transaction(async (tx) => {
    for (const row of posts.slice(1)) {
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

async function benchTarget(target: TTarget, data: ReturnType<typeof generate>, file: string) {
  const importer: number[] = [];
  const reimport: number[] = [];
  const naive: number[] = [];
  let peakHeap = 0;
  for (let run = 1; run <= RUNS; run++) {
    const db = await target.open();
    try {
      await loadReferences(db, data);
      const sampler = setInterval(() => {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }, 50);
      let start = performance.now();
      const result = await importFile({
        db,
        protector,
        actor,
        fileName: 'posts.csv',
        content: createReadStream(file),
        today: TODAY,
      });
      importer.push(performance.now() - start);
      clearInterval(sampler);
      if (!result.ok || result.counts.inserted !== ROWS) {
        throw new Error(
          `import failed: ${JSON.stringify(result.counts)} ${JSON.stringify(result.issues.slice(0, 3))}`,
        );
      }
      start = performance.now();
      const again = await importFile({
        db,
        protector,
        actor,
        fileName: 'posts.csv',
        content: createReadStream(file),
        today: TODAY,
      });
      reimport.push(performance.now() - start);
      if (again.counts.unchanged !== ROWS)
        throw new Error(`re-import changed rows: ${JSON.stringify(again.counts)}`);
    } finally {
      await db.dispose();
    }
    const baselineDb = await target.open();
    try {
      await loadReferences(baselineDb, data);
      const start = performance.now();
      await naiveInsert(baselineDb, data.posts, protector);
      naive.push(performance.now() - start);
    } finally {
      await baselineDb.dispose();
    }
    console.log(
      `  run ${run}: importer ${Math.round(importer.at(-1)!)} ms, re-import ${Math.round(reimport.at(-1)!)} ms, naive ${Math.round(naive.at(-1)!)} ms`,
    );
  }
  const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
  console.log(`${target.label}: ${ROWS} posts, median of ${RUNS} runs`);
  console.log(`  importer (parse, validate, write):   ${rate(median(importer))} rows/s`);
  console.log(`  re-import (nothing changes):         ${rate(median(reimport))} rows/s`);
  console.log(`  naive row-by-row INSERT:             ${rate(median(naive))} rows/s`);
  console.log(`  ratio importer / naive:              ${(median(naive) / median(importer)).toFixed(2)}×`);
  console.log(`  peak JS heap during import:          ${Math.round(peakHeap / 1024 / 1024)} MB`);
}

const data = generate();
const folder = await mkdtemp(join(tmpdir(), 'tuogou-bench-'));
const file = join(folder, 'posts.csv');
await writeFile(file, stringify(data.posts));
try {
  await benchTarget(pgliteTarget(), data, file);
  if (process.env.DATABASE_URL) await benchTarget(postgresTarget(process.env.DATABASE_URL), data, file);
} finally {
  await rm(folder, { recursive: true, force: true });
}
