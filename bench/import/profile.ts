/**
 * Where the importer's time goes: times reading (decode and CSV parsing) alone, then the full import
 * and a re-import of a generated posts or associations file, with the time spent waiting on each SQL
 * statement. Runs no baseline, so it can run under `node --cpu-prof --import tsx` for a CPU profile.
 *
 *   npx tsx bench/import/profile.ts posts [rows=100000]
 *   npx tsx bench/import/profile.ts associations [rows=100000]
 *   DATABASE_URL=postgres://…/scratch npx tsx bench/import/profile.ts posts   (writes into that database)
 */
import { Readable } from 'node:stream';
import { openDatabase } from '../../src/db/database.ts';
import { importFile } from '../../src/import/importer.ts';
import { readTables, type TFileStats } from '../../src/import/read.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { associationsCsv, organsCsv, postsCsv, TODAY } from './generate.ts';

const kind = process.argv[2] === 'associations' ? 'associations' : 'posts';
const rows = Number(process.argv[3] ?? 100_000);
const protector = createPersonalDataProtector('ef'.repeat(32));
const actor = { id: null, label: 'profile' };

const file =
  kind === 'posts'
    ? Buffer.from(postsCsv({ rows, organs: 2_000, associations: 20_000 }))
    : Buffer.from(associationsCsv(rows));

let start = performance.now();
const stats: TFileStats = { format: null, encoding: null, bytes: 0, sha256: null };
let count = 0;
for await (const table of readTables({ fileName: 'x.csv', content: file, maxBytes: 1e12, stats }))
  for await (const _ of table.rows) count += 1;
const readMs = performance.now() - start;
console.log(`read + decode + csv-parse: ${Math.round(readMs)} ms for ${count} records`);

const db = await openDatabase({
  kind: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  ...(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {}),
} as Parameters<typeof openDatabase>[0]);
if (kind === 'posts') {
  for (const [name, csv] of [
    ['organs.csv', organsCsv(2_000)],
    ['associations.csv', associationsCsv(20_000)],
  ] as const) {
    const r = await importFile({
      db,
      protector,
      actor,
      fileName: name,
      content: Buffer.from(csv),
      today: TODAY,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  }
}
// Time spent waiting on the database, as opposed to reading and checking in JS.
let dbMs = 0;
let queries = 0;
const bySql = new Map<string, number>();
const timed = <T>(q: () => Promise<T>, sql: string) => {
  const t = performance.now();
  queries += 1;
  return q().finally(() => {
    const ms = performance.now() - t;
    dbMs += ms;
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
    bySql.set(key, (bySql.get(key) ?? 0) + ms);
  });
};
const statements = () => {
  for (const [sql, ms] of [...bySql].sort((a, b) => b[1] - a[1]))
    console.log(`    ${Math.round(ms)} ms  ${sql}`);
  bySql.clear();
};
const transaction = db.transaction.bind(db);
db.transaction = (fn) =>
  transaction((tx) =>
    fn({
      query: (sql, params) => timed(() => tx.query(sql, params), sql),
      exec: (sql) => timed(() => tx.exec(sql), sql),
    }),
  );
const cpu = process.cpuUsage();
start = performance.now();
const result = await importFile({
  db,
  protector,
  actor,
  fileName: `${kind}.csv`,
  content: Readable.from([file]),
  today: TODAY,
});
const importMs = performance.now() - start;
const used = process.cpuUsage(cpu);
if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
console.log(
  `import: ${Math.round(importMs)} ms (CPU ${Math.round((used.user + used.system) / 1000)} ms), ${Math.round(rows / (importMs / 1000))} rows/s`,
  result.counts,
);
console.log(`  of which database: ${Math.round(dbMs)} ms in ${queries} statements`);
statements();
dbMs = 0;
queries = 0;
start = performance.now();
const again = await importFile({
  db,
  protector,
  actor,
  fileName: `${kind}.csv`,
  content: file,
  today: TODAY,
});
console.log(`re-import: ${Math.round(performance.now() - start)} ms`, again.counts);
console.log(`  of which database: ${Math.round(dbMs)} ms in ${queries} statements`);
statements();
await db.close();
