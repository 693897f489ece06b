/**
 * Latency of checking one person against the rosters (`POST /api/officials/check`), over the demo
 * registry (23,000 roster records, 40,893 posts): the in-memory index of keyed fingerprints, the whole
 * HTTP route (session, validation, index, audit event), and as a baseline in the same process a direct
 * SQL lookup of the same person (keyed ID hash, or exact name and birth date).
 *
 *   npx tsx bench/officials-check/check.bench.ts [queries=2000] [rounds=3]
 *   DATABASE_URL=postgres://… npx tsx bench/officials-check/check.bench.ts
 *
 * Prints a Markdown table for docs/benchmarks.md with the load average of the machine.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { normaliseResidentId } from '../../src/core/matching/normalise-id.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { insertUser } from '../../src/db/repositories/users.repository.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import { createOfficialsChecker, type TOfficialCheckInput } from '../../src/jobs/match-runs-check.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { createApp } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/passwords.ts';

const QUERIES = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
const TODAY = new Date().toISOString().slice(0, 10);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1]! };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => value.toFixed(3);

type TQuery = TOfficialCheckInput;

/**
 * A third each: rostered people by resident ID, rostered people by name and birth date, post holders
 * (most of them on no roster).
 */
async function sampleQueries(db: Db, decrypt: (c: string) => string): Promise<TQuery[]> {
  const third = Math.ceil(QUERIES / 3);
  const { rows: roster } = await db.query<{
    name: string;
    birth_date: string | null;
    id_cipher: string | null;
  }>(`SELECT name, birth_date, id_cipher FROM roster_records ORDER BY md5(id::text) LIMIT $1`, [2 * third]);
  const { rows: posts } = await db.query<{ name: string; birth_date: string | null }>(
    `SELECT pe.name, pe.birth_date FROM posts p JOIN persons pe ON pe.id = p.person_id ORDER BY md5(p.id::text) LIMIT $1`,
    [third],
  );
  const queries: TQuery[] = [];
  roster.forEach((r, i) => {
    if (i < third && r.id_cipher) queries.push({ name: r.name, residentId: decrypt(r.id_cipher) });
    else queries.push({ name: r.name, birthDate: r.birth_date });
  });
  for (const p of posts) queries.push({ name: p.name, birthDate: p.birth_date });
  return queries.slice(0, QUERIES);
}

async function main() {
  const db =
    process.env.DATABASE_URL === undefined
      ? await openDatabase({ kind: 'pglite' })
      : await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL });
  const protector = createPersonalDataProtector(randomBytes(32).toString('hex'));
  const loadStarted = performance.now();
  const { rows: existing } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM roster_records');
  if (Number(existing[0]!.n) > 0) throw new Error('the benchmark needs an empty database');
  await loadDemoDataset({ db, protector, scale: 'demo', seed: 2015 });
  console.error(`demo dataset loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
  const decrypt = (c: string) => protector.decrypt(c);
  const queries = await sampleQueries(db, decrypt);

  const checker = createOfficialsChecker({ db, protector });
  const index = await checker.warm();

  // The HTTP route, as a browser calls it: a regulator's session, CSRF header, JSON in and out.
  const passwordHash = await hashPassword('bench-password-2026');
  await db.transaction((tx) =>
    insertUser(tx, {
      username: 'bench-regulator',
      displayName: 'bench',
      passwordHash,
      role: 'regulator',
      scopeRegion: '100000',
    }),
  );
  const app = createApp({
    db,
    protector,
    config: { dataDir: '.tuogou-bench', port: 0, sessionMinutes: 60 },
    loginRateLimit: { max: 1000, windowMs: 60_000 },
  });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-regulator', password: 'bench-password-2026' }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = /tuogou_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![0];
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  // The app builds its own index on the first check; that build is not a check's latency.
  await app.request('/api/officials/check', {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: '预热' }),
  });

  const sqlLookup = async (q: TQuery) => {
    const id = q.residentId ? normaliseResidentId(q.residentId, { today: TODAY }) : null;
    const idHash = id && 'id' in id && id.id ? protector.hash(id.id) : null;
    await db.query(
      `SELECT id, source, record_key, status, rank, organ_id, retired_on FROM roster_records
       WHERE ($1::text IS NOT NULL AND id_hash = $1) OR (name = $2 AND birth_date = $3::date)`,
      [idHash, q.name, q.birthDate ?? null],
    );
  };

  const results: Record<string, { p50: number[]; p99: number[]; max: number[] }> = {};
  const record = (name: string, samples: number[]) => {
    const s = summarise(samples);
    results[name] ??= { p50: [], p99: [], max: [] };
    results[name].p50.push(s.p50);
    results[name].p99.push(s.p99);
    results[name].max.push(s.max);
  };
  const loads: number[] = [];
  const decisions = { match: 0, possible: 0, no_match: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    loads.push(loadavg()[0]!);
    const index: number[] = [];
    const http: number[] = [];
    const sql: number[] = [];
    for (const q of queries) {
      let t = performance.now();
      const d = await checker.check(q);
      index.push(performance.now() - t);
      if (round === 0) decisions[d.decision]++;
      t = performance.now();
      const response = await app.request('/api/officials/check', {
        method: 'POST',
        headers,
        body: JSON.stringify(q.birthDate === null ? { ...q, birthDate: undefined } : q),
      });
      await response.json();
      http.push(performance.now() - t);
      if (response.status !== 200) throw new Error(`check answered ${response.status}`);
      t = performance.now();
      await sqlLookup(q);
      sql.push(performance.now() - t);
    }
    record('index', index);
    record('http', http);
    record('sql', sql);
    loads.push(loadavg()[0]!);
  }
  await db.close();

  const row = (label: string, key: string) => {
    const r = results[key]!;
    return `| ${label} | ${ms(median(r.p50))} | ${ms(median(r.p99))} | ${ms(median(r.max))} |`;
  };
  const sqlP50 = median(results.sql!.p50);
  const sqlP99 = median(results.sql!.p99);
  console.log(
    `\n${db.kind}, ${index.rosterRecords} roster records, index built in ${index.buildMs} ms, ` +
      `${queries.length} queries × ${ROUNDS} rounds (${decisions.match} match, ${decisions.possible} possible, ` +
      `${decisions.no_match} no match), load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`,
  );
  console.log('| path | p50 ms | p99 ms | max ms |');
  console.log('|---|--:|--:|--:|');
  console.log(row('in-memory index (`check`)', 'index'));
  console.log(row('HTTP `POST /api/officials/check` (session, audit event)', 'http'));
  console.log(row('baseline: direct SQL lookup (ID hash or name + birth date)', 'sql'));
  console.log(
    `\nindex ÷ SQL: p50 ${(median(results.index!.p50) / sqlP50).toFixed(2)}×, p99 ${(median(results.index!.p99) / sqlP99).toFixed(2)}×; ` +
      `HTTP ÷ SQL: p50 ${(median(results.http!.p50) / sqlP50).toFixed(2)}×, p99 ${(median(results.http!.p99) / sqlP99).toFixed(2)}×`,
  );
}

await main();
