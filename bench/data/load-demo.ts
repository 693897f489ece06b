/**
 * Times loading the demo dataset (registry and policy facts) into a fresh database, first load and the
 * no-op second load, split into generation and the database transaction. PGlite in memory by default; with a PostgreSQL server
 * URL, a scratch database is created on that server and dropped afterwards.
 *
 *   npx tsx bench/data/load-demo.ts [postgres-server-url]
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import { generateDataset } from '../../src/demo/dataset.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';

const serverUrl = process.argv[2];
const scratch = `tuogou_bench_${randomBytes(6).toString('hex')}`;
const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
};
let db: Awaited<ReturnType<typeof openDatabase>>;
if (serverUrl) {
  await admin(`CREATE DATABASE ${scratch}`);
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  db = await openDatabase({ kind: 'postgres', url: url.toString() });
} else {
  db = await openDatabase({ kind: 'pglite' });
}
const protector = createPersonalDataProtector('ef'.repeat(32));

let started = performance.now();
const dataset = generateDataset({ seed: 2015, scale: 'demo' });
const rows =
  [...dataset.posts()].length + [...dataset.servingRoster()].length + [...dataset.retiredRoster()].length;
const factRows =
  Object.values(dataset.policyFacts()).reduce((n, list) => n + list.length, 0) + dataset.postApprovals.length;
const generateSeconds = (performance.now() - started) / 1000;

started = performance.now();
const first = await loadDemoDataset({ db, protector, scale: 'demo', seed: 2015 });
const firstSeconds = (performance.now() - started) / 1000;
started = performance.now();
const second = await loadDemoDataset({ db, protector, scale: 'demo', seed: 2015 });
const secondSeconds = (performance.now() - started) / 1000;
await db.close();
if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);

console.log(`database               ${db.kind}`);
console.log(
  `generate (s)           ${generateSeconds.toFixed(1)} (${rows} post and roster rows, ${factRows} policy-fact rows)`,
);
console.log(`first load (s)         ${firstSeconds.toFixed(1)} (changed: ${first.changed})`);
console.log(`second load (s)        ${secondSeconds.toFixed(1)} (changed: ${second.changed})`);
