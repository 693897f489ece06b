/**
 * Load test of the registry search API: a 100,000-association registry (the seeded demo generator's
 * organs, associations and links), the real app on a loopback port, and 100 concurrent clients for a
 * bounded time with a mix of name words (2–6 characters cut from real names), USCC prefixes,
 * province / level / organ filters, paging, sorts and the public search. Beside it, the same clients
 * against the health endpoint as a baseline of the HTTP stack alone.
 *
 *   npx tsx bench/search/search.bench.ts [--pg postgres://…] [--associations 100000]
 *     [--clients 100] [--seconds 20] [--runs 3]
 *
 * Without --pg the embedded database runs in memory (one connection: requests queue on it); with
 * --pg a fresh database is created on that server and dropped afterwards. The load runs in a worker
 * thread so that the clients do not share an event loop with the server.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import pg from 'pg';
import type { TLevel } from '../../src/core/registry/types.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import {
  upsertAssociations,
  upsertLinks,
  upsertOrgans,
} from '../../src/db/repositories/registry.repository.ts';
import {
  type SearchAssociationsOptions,
  searchAssociations,
  type TAssociationFilters,
  type TAssociationSort,
} from '../../src/db/repositories/registry-read.repository.ts';
import { generateAssociations } from '../../src/demo/associations.ts';
import { createRng } from '../../src/demo/prng.ts';
import { buildWorld } from '../../src/demo/world.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { createAccount } from '../../src/server/accounts.ts';
import { createApp } from '../../src/server/app.ts';
import * as before from './registry-read.before.ts';

const { values: args } = parseArgs({
  options: {
    pg: { type: 'string' },
    associations: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '2015' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'ab-seconds': { type: 'string', default: '10' },
  },
});
const ASSOCIATIONS = Number(args.associations);
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const RUNS = Number(args.runs);
const SEED = Number(args.seed);
const PASSWORD = 'bench-password-long-enough';

async function open(url: string | undefined): Promise<{ db: Db; label: string; drop: () => Promise<void> }> {
  if (!url) {
    const db = await openDatabase({ kind: 'pglite' });
    return { db, label: 'PGlite (in memory)', drop: () => db.close() };
  }
  const name = `tuogou_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: target.toString() });
  return {
    db,
    label: 'PostgreSQL server',
    drop: async () => {
      await db.close();
      // --keep leaves the database for looking at query plans afterwards.
      if (args.keep) return console.log(`kept database ${name}`);
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

type TSample = {
  names: string[];
  usccs: string[];
  provinces: string[];
  prefectures: string[];
  organs: string[];
};

/** Organs, associations and links of the seeded generator, upserted in batches. */
async function populate(db: Db): Promise<TSample> {
  const world = buildWorld({ seed: SEED, prefectureCount: 200 });
  const set = generateAssociations({ seed: SEED, world, count: ASSOCIATIONS, evaluationDate: '2026-06-30' });
  await db.transaction((tx) => upsertOrgans(tx, world.organs));
  const BATCH = 5_000;
  for (let i = 0; i < set.records.length; i += BATCH) {
    await db.transaction((tx) => upsertAssociations(tx, set.records.slice(i, i + BATCH)));
  }
  for (let i = 0; i < set.links.length; i += BATCH) {
    await db.transaction((tx) => upsertLinks(tx, set.links.slice(i, i + BATCH)));
  }
  await db.exec('ANALYZE');
  const regions = new Set(set.records.map((r) => r.regionCode));
  return {
    names: set.records.map((r) => r.name),
    usccs: set.records.map((r) => r.uscc),
    provinces: [...new Set([...regions].map((c) => `${c.slice(0, 2)}0000`))].filter((c) => c !== '100000'),
    prefectures: [...new Set([...regions].map((c) => `${c.slice(0, 4)}00`))].filter(
      (c) => !c.endsWith('0000'),
    ),
    organs: [...new Set(set.links.map((l) => l.organCode))],
  };
}

const LEVELS: readonly TLevel[] = ['national', 'provincial', 'municipal', 'county'];
const SORTS = ['name', '-name', 'uscc', 'registeredOn', '-registeredOn'];

type TRequest = { path: string; auth: 'national' | 'provincial' | 'none'; kind: string };

/**
 * The request mix, fixed by the seed: what a regulator's search screen and the public portal send.
 * Names words are cut from real names so that most have matches, as typed searches do.
 */
function buildMix(sample: TSample, count: number): TRequest[] {
  const rng = createRng(SEED, 'search-bench');
  const word = (): string => {
    const name = rng.pick(sample.names);
    const length = rng.int(2, Math.min(6, name.length));
    const start = rng.int(0, name.length - length);
    return name.slice(start, start + length);
  };
  const page = (): number => (rng.chance(0.8) ? 1 : rng.int(2, 5));
  const mix: TRequest[] = [];
  for (let i = 0; i < count; i++) {
    const params = new URLSearchParams();
    const roll = rng.next();
    let auth: TRequest['auth'] = 'national';
    let base = '/api/associations';
    let kind = '';
    if (roll < 0.3) {
      const q = word();
      params.set('q', q);
      kind = `name word, ${q.length <= 2 ? '2' : q.length <= 4 ? '3–4' : '5–6'} characters`;
    } else if (roll < 0.4) {
      params.set('q', rng.pick(sample.usccs).slice(0, rng.int(2, 10)));
      kind = 'q = USCC prefix';
    } else if (roll < 0.5) {
      params.set('uscc', rng.pick(sample.usccs).slice(0, rng.int(4, 12)));
      kind = 'uscc filter';
    } else if (roll < 0.62) {
      kind = 'region / level filters';
      params.set('region', rng.chance(0.5) ? rng.pick(sample.provinces) : rng.pick(sample.prefectures));
      if (rng.chance(0.5)) params.set('level', rng.pick(LEVELS));
      if (rng.chance(0.3)) params.set('q', word());
    } else if (roll < 0.7) {
      params.set('organ', rng.pick(sample.organs));
      kind = 'organ filter';
    } else if (roll < 0.78) {
      kind = 'whole jurisdiction, sorted';
      // The screen as it opens: the whole jurisdiction, one sort or another.
      if (rng.chance(0.5)) params.set('sort', rng.pick(SORTS));
      if (rng.chance(0.3)) params.set('status', 'active');
    } else if (roll < 0.83) {
      auth = 'provincial';
      kind = 'provincial regulator';
      if (rng.chance(0.6)) params.set('q', word());
    } else {
      auth = 'none';
      base = '/api/public/associations';
      kind = 'public search';
      params.set('q', word());
      if (rng.chance(0.3)) params.set('region', rng.pick(sample.provinces));
    }
    params.set('page', String(page()));
    params.set('pageSize', '20');
    mix.push({ path: `${base}?${params}`, auth, kind });
  }
  return mix;
}

/** The load generator, plain JavaScript run in a worker: closed-loop clients, bounded by time. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, requests, cookies, clients, seconds } = workerData;
(async () => {
  const latencies = [];
  const errors = {};
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  async function client() {
    while (performance.now() < deadline) {
      const r = requests[next++ % requests.length];
      const headers = r.auth === 'none' ? {} : { cookie: cookies[r.auth] };
      const t0 = performance.now();
      try {
        const res = await fetch(base + r.path, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) errors['HTTP ' + res.status] = (errors['HTTP ' + res.status] ?? 0) + 1;
        else latencies.push(performance.now() - t0);
      } catch (e) {
        const k = e.name + (e.cause && e.cause.code ? ' ' + e.cause.code : '');
        errors[k] = (errors[k] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  parentPort.postMessage({ latencies, errors, elapsed: performance.now() - started });
})();
`;

type TRunResult = { p50: number; p95: number; p99: number; rps: number; errors: number; errorKinds: string };

function runLoad(base: string, requests: TRequest[], cookies: Record<string, string>): Promise<TRunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { base, requests, cookies, clients: CLIENTS, seconds: SECONDS },
    });
    worker.once('error', reject);
    worker.once('message', (m: { latencies: number[]; errors: Record<string, number>; elapsed: number }) => {
      const sorted = Float64Array.from(m.latencies).sort();
      const at = (q: number): number =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
      const errors = Object.values(m.errors).reduce((a, b) => a + b, 0);
      resolve({
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        rps: (sorted.length + errors) / (m.elapsed / 1000),
        errors,
        errorKinds: Object.entries(m.errors)
          .map(([k, v]) => `${k}×${v}`)
          .join(' '),
      });
      void worker.terminate();
    });
  });
}

/** One request at a time, no concurrency: the cost of each kind of search on its own. */
async function profile(base: string, mix: TRequest[], cookies: Record<string, string>): Promise<void> {
  const byKind = new Map<string, number[]>();
  for (const r of mix.slice(0, 600)) {
    const t0 = performance.now();
    const res = await fetch(base + r.path, {
      headers: r.auth === 'none' ? {} : { cookie: cookies[r.auth]! },
    });
    await res.arrayBuffer();
    const list = byKind.get(r.kind) ?? [];
    list.push(performance.now() - t0);
    byKind.set(r.kind, list);
  }
  console.log('| request kind (serial) | n | median ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const [kind, times] of [...byKind].sort()) {
    console.log(
      `| ${kind} | ${times.length} | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`,
    );
  }
}

/** The repository call a mix request makes, as the handlers build it. */
function optionsOf(request: TRequest, provincialScope: string): SearchAssociationsOptions {
  const url = new URL(request.path, 'http://bench');
  const get = (k: string): string | undefined => url.searchParams.get(k) ?? undefined;
  const filters: TAssociationFilters = {
    q: get('q'),
    uscc: get('uscc'),
    region: get('region'),
    level: get('level') as TLevel | undefined,
    organ: get('organ'),
    status: get('status') as TAssociationFilters['status'],
  };
  return {
    scope: request.auth === 'provincial' ? { kind: 'region', regionCode: provincialScope } : { kind: 'all' },
    filters,
    sort: get('sort') as TAssociationSort | undefined,
    page: Number(get('page') ?? 1),
    pageSize: Number(get('pageSize') ?? 20),
  };
}

type TSearchFn = (db: Db, options: SearchAssociationsOptions) => Promise<unknown>;

/**
 * The repository search alone (no HTTP), the same clients and mix, bounded by time: how the current
 * search compares with the one before on the same database in the same process.
 */
async function runDirect(
  db: Db,
  search: TSearchFn,
  options: SearchAssociationsOptions[],
  seconds: number,
): Promise<TRunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const o = options[next++ % options.length]!;
      const t0 = performance.now();
      try {
        await search(db, o);
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const elapsed = (performance.now() - started) / 1000;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    rps: (sorted.length + errors) / elapsed,
    errors,
    errorKinds: '',
  };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
  const cookie = /tuogou_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  return `tuogou_session=${cookie}`;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const { db, label, drop } = await open(args.pg);
  try {
    const t = performance.now();
    const sample = await populate(db);
    console.log(
      `${label}: ${ASSOCIATIONS} associations loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const actor = { id: null, label: 'search-bench' };
    await createAccount(db, {
      username: 'bench-national',
      password: PASSWORD,
      role: 'regulator',
      scopeRegion: '100000',
      actor,
    });
    const province = sample.provinces[0]!;
    await createAccount(db, {
      username: 'bench-provincial',
      password: PASSWORD,
      role: 'regulator',
      scopeRegion: province,
      actor,
    });

    const protector = createPersonalDataProtector('5e'.repeat(32));
    const app = createApp({
      db,
      protector,
      config: { dataDir: '.tuogou-bench', port: 0, sessionMinutes: 60 },
      loginRateLimit: { max: 1_000, windowMs: 60_000 },
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cookies = {
      national: await login(base, 'bench-national'),
      provincial: await login(base, 'bench-provincial'),
    };
    const mix = buildMix(sample, 20_000);
    const health: TRequest[] = [{ path: '/api/health', auth: 'none', kind: 'health' }];
    if (args.profile) await profile(base, mix, cookies);

    // One pass over part of the mix first: plans, caches and JIT warm before anything is timed.
    await runLoad(base, mix.slice(0, 2_000), cookies).catch(() => undefined);
    const results: { baseline: TRunResult[]; search: TRunResult[]; load: number[] } = {
      baseline: [],
      search: [],
      load: [],
    };
    for (let run = 1; run <= RUNS; run++) {
      const baseline = await runLoad(base, health, cookies);
      // Each run starts at a different point of the mix so that repeated identical queries do not dominate.
      const offset = ((run - 1) * mix.length) / RUNS;
      const search = await runLoad(base, [...mix.slice(offset), ...mix.slice(0, offset)], cookies);
      results.baseline.push(baseline);
      results.search.push(search);
      results.load.push(loadavg()[0]!);
      const f = (r: TRunResult): string =>
        `p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} p99 ${r.p99.toFixed(1)} ms, ${r.rps.toFixed(0)} req/s, ${r.errors} errors ${r.errorKinds}`;
      console.log(
        `run ${run}: search ${f(search)} | health ${f(baseline)} | load ${loadavg()[0]!.toFixed(2)}`,
      );
    }
    const m = (rs: TRunResult[], k: keyof Omit<TRunResult, 'errorKinds'>): number =>
      median(rs.map((r) => r[k]));
    console.log(
      `\n${label}, ${ASSOCIATIONS} associations, ${CLIENTS} clients, ${SECONDS} s × ${RUNS} runs (medians)`,
    );
    console.log('| load | p50 ms | p95 ms | p99 ms | req/s | errors |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, rs] of [
      ['search mix', results.search],
      ['health (baseline)', results.baseline],
    ] as const) {
      console.log(
        `| ${name} | ${m(rs, 'p50').toFixed(1)} | ${m(rs, 'p95').toFixed(1)} | ${m(rs, 'p99').toFixed(1)} | ${m(rs, 'rps').toFixed(0)} | ${rs.reduce((a, r) => a + r.errors, 0)} |`,
      );
    }
    console.log(
      `search / baseline: p95 ×${(m(results.search, 'p95') / m(results.baseline, 'p95')).toFixed(1)}, throughput ×${(m(results.search, 'rps') / m(results.baseline, 'rps')).toFixed(2)}; 1-min load average ${median(results.load).toFixed(2)}`,
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));

    // Before / after in the same process: the repository search of the previous version and the
    // current one, alternating, on the same data.
    const abSeconds = Number(args['ab-seconds']);
    const direct = mix.filter((r) => r.kind !== 'public search').map((r) => optionsOf(r, province));
    const ab: { before: TRunResult[]; after: TRunResult[] } = { before: [], after: [] };
    for (let run = 1; run <= RUNS; run++) {
      ab.before.push(await runDirect(db, before.searchAssociations, direct, abSeconds));
      ab.after.push(await runDirect(db, searchAssociations, direct, abSeconds));
      console.log(
        `a/b run ${run}: before p95 ${ab.before.at(-1)!.p95.toFixed(1)} ms ${ab.before.at(-1)!.rps.toFixed(0)}/s, after p95 ${ab.after.at(-1)!.p95.toFixed(1)} ms ${ab.after.at(-1)!.rps.toFixed(0)}/s | load ${loadavg()[0]!.toFixed(2)}`,
      );
    }
    console.log(
      `\nRepository search without HTTP, ${CLIENTS} concurrent callers, ${abSeconds} s × ${RUNS} runs (medians)`,
    );
    console.log('| search | p50 ms | p95 ms | p99 ms | searches/s | errors |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, rs] of [
      ['before (exact counts, no bigrams)', ab.before],
      ['after', ab.after],
    ] as const) {
      console.log(
        `| ${name} | ${m(rs, 'p50').toFixed(1)} | ${m(rs, 'p95').toFixed(1)} | ${m(rs, 'p99').toFixed(1)} | ${m(rs, 'rps').toFixed(0)} | ${rs.reduce((a, r) => a + r.errors, 0)} |`,
      );
    }
    console.log(
      `after / before: p95 ×${(m(ab.after, 'p95') / m(ab.before, 'p95')).toFixed(2)}, throughput ×${(m(ab.after, 'rps') / m(ab.before, 'rps')).toFixed(2)}`,
    );
  } finally {
    await drop();
  }
}

await main();
