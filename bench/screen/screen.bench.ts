/**
 * Times a screening run from the database to stored findings over a large synthetic registry:
 * associations with organ links, posts (some held by retired cadres found in the roster), decoupling
 * cases, finance years, fee items, annual reports and credit entries, inserted directly with SQL.
 * Runs the screening several times and reports the median of each phase (load, evaluate, store,
 * total); the first run inserts the findings, later ones find them persisting. The previous run
 * (`screen.before.ts`: facts table by table on the run's own connection, evaluation and diff in the
 * main thread) runs on the same data in the same process, for a before/after ratio; each
 * implementation starts from an empty findings table, and the findings each one leaves are compared:
 * the script fails when they differ.
 *
 *   npx tsx bench/screen/screen.bench.ts [associations=100000] [runs=3] [both|current|before]
 *
 * Uses the PostgreSQL server of TUOGOU_BENCH_DATABASE_URL (a fresh database is created on it and
 * dropped afterwards) or, without it, the embedded database in memory.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { runScreening } from '../../src/jobs/screen.ts';
import { runScreeningBefore } from './screen.before.ts';

const associations = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);
const which = process.argv[4] ?? 'both';
const AS_OF = '2026-06-30';

async function open(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.TUOGOU_BENCH_DATABASE_URL;
  if (!url) {
    const db = await openDatabase({ kind: 'pglite' });
    return { db, drop: () => db.close() };
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
    drop: async () => {
      await db.close();
      // TUOGOU_BENCH_KEEP=1 keeps the database for looking at query plans afterwards.
      if (process.env.TUOGOU_BENCH_KEEP) return console.log(`kept database ${name}`);
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** The synthetic registry, all set-based: a few seconds even for 100,000 associations. */
async function populate(db: Db, n: number): Promise<void> {
  const organs = Math.max(10, Math.round(n / 50));
  await db.exec(`
    INSERT INTO organs (code, name, kind, is_administrative, level, region_code, address, phone)
    SELECT 'ORG' || lpad(g::text, 8, '0'), '测试机关' || g,
           CASE WHEN g % 5 = 0 THEN 'public_institution' ELSE 'government' END, g % 5 <> 0,
           'provincial', (ARRAY['110000','310000','330000','440000','510000'])[1 + g % 5],
           '测试省测试市测试路' || g || '号', '0571-8' || lpad(g::text, 7, '0')
    FROM generate_series(1, ${organs}) AS g;
    UPDATE organs SET parent_id = id - 1 WHERE id % 5 = 0;

    INSERT INTO associations (uscc, name, level, region_code, registered_on, status, address, phone, member_count)
    SELECT '51' || lpad(g::text, 16, '0'),
           CASE WHEN g % 20 = 0 THEN '测试' || g || '学会' ELSE '测试' || g || '行业协会' END,
           'provincial', (ARRAY['110105','310101','330102','440103','510104'])[1 + g % 5],
           DATE '1995-01-01' + (g % 7000), CASE WHEN g % 97 = 0 THEN 'deregistered' ELSE 'active' END,
           '协会地址' || g, '010-6' || lpad(g::text, 7, '0'), 50 + g % 500
    FROM generate_series(1, ${n}) AS g;

    INSERT INTO organ_links (organ_id, association_id, kind, started_on, ended_on)
    SELECT 1 + a.id % ${organs}, a.id, 'supervisor', DATE '2000-01-01',
           CASE WHEN a.id % 3 = 0 THEN NULL ELSE DATE '2017-06-30' END
    FROM associations AS a;

    INSERT INTO decoupling_cases (association_id, ref, batch, jurisdiction, listed_on, completion_deadline, decoupled_on)
    SELECT a.id, 'C-' || a.id, '2016', substr(a.region_code, 1, 2) || '0000', DATE '2016-01-01', DATE '2017-12-31',
           CASE WHEN a.id % 4 = 0 THEN NULL ELSE DATE '2017-06-30' END
    FROM associations AS a WHERE a.id % 2 = 0;

    INSERT INTO persons (person_key, id_hash, name, birth_date)
    SELECT 'k' || g, 'h' || g, '测试人' || g, DATE '1945-01-01' + (g % 9000)
    FROM generate_series(1, ${n * 5}) AS g;

    INSERT INTO posts (association_id, person_id, role, started_on, term_number)
    SELECT 1 + (g - 1) / 5, g,
           (ARRAY['president','vice_president','secretary_general','director','supervisor'])[1 + (g - 1) % 5],
           DATE '2018-01-01', 1 + g % 3
    FROM generate_series(1, ${n * 5}) AS g;

    INSERT INTO roster_records (source, record_key, id_hash, name, birth_date, status, retired_on, organ_id, rank)
    SELECT 'retired', 'R' || g, 'h' || g, '测试人' || g, DATE '1945-01-01' + (g % 9000), 'retired',
           DATE '2012-01-01' + (g % 3000), 1 + g % ${organs}, 'department'
    FROM generate_series(1, ${n * 5}, 37) AS g;

    INSERT INTO finance_years (association_id, year, independent_account, direct_appropriation)
    SELECT a.id, y, a.id % 11 <> 0, CASE WHEN a.id % 13 = 0 THEN 100000 ELSE 0 END
    FROM associations AS a CROSS JOIN generate_series(2016, 2019) AS y;

    INSERT INTO fee_items (association_id, ref, name, category, amount, tiers, published, standard_set_by)
    SELECT a.id, 'FEE-' || k, '会费' || k, CASE WHEN k = 1 THEN 'dues' ELSE 'training' END, 1000 * k,
           CASE WHEN k = 1 THEN jsonb_build_array(1000, 2000, 3000, 4000, 5000) ELSE NULL END,
           a.id % 7 <> 0, CASE WHEN k = 1 THEN 'council' ELSE NULL END
    FROM associations AS a CROSS JOIN generate_series(1, 2) AS k;

    INSERT INTO annual_reports (association_id, year, filed_on)
    SELECT a.id, y, CASE WHEN (a.id + y) % 17 = 0 THEN NULL ELSE make_date(y + 1, 5, 1) END
    FROM associations AS a CROSS JOIN generate_series(2017, 2025) AS y;

    INSERT INTO credit_entries (association_id, ref, list, ground, listed_on)
    SELECT a.id, 'CE-' || a.id, 'abnormal', 'annual_report', DATE '2019-06-05'
    FROM associations AS a WHERE a.id % 29 = 0;
    ANALYZE;
  `);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type TTimings = { load: number[]; evaluate: number[]; store: number[]; total: number[] };

/** `runs` screenings from an empty findings table; prints each and returns the timings in seconds. */
async function measure(
  db: Db,
  label: string,
  run: (options: {
    db: Db;
    asOf: string;
    actor: { id: null; label: string };
  }) => ReturnType<typeof runScreening>,
): Promise<{ first: number; later: TTimings; digest: string }> {
  await db.exec('TRUNCATE finding_events, findings, association_screenings');
  const later: TTimings = { load: [], evaluate: [], store: [], total: [] };
  let first = 0;
  for (let i = 0; i < runs; i += 1) {
    const cpu = process.cpuUsage();
    const result = await run({ db, asOf: AS_OF, actor: { id: null, label: 'bench' } });
    const used = process.cpuUsage(cpu);
    if (i === 0) first = result.timings.total / 1000;
    else
      for (const key of ['load', 'evaluate', 'store', 'total'] as const)
        later[key].push(result.timings[key] / 1000);
    console.log(
      `${label} run ${i + 1}: ${(result.timings.total / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU in this process (all threads), ` +
        `${result.counts.findings} findings (${result.counts.newFindings} new, ${result.counts.persistingFindings} persisting, ${result.counts.resolvedFindings} resolved)`,
    );
  }
  return { first, later, digest: await findingsDigest(db) };
}

/**
 * Everything the stored findings state apart from run ids and timestamps (which differ between the
 * implementations), as one digest: two implementations over the same data must leave the same one.
 */
async function findingsDigest(db: Db): Promise<string> {
  const { rows } = await db.query<{ n: number; digest: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(concat_ws('|', fingerprint, rule_id, family, severity,
       pack_id, pack_version, association_id, subject_type, subject_id, aspect, facts::text, clause,
       explanation_zh, explanation_en, arisen_on, due_on, content_hash, status, resolved_run_id IS NULL),
       E'\\n' ORDER BY fingerprint), '')) AS digest
     FROM findings`,
  );
  return `${rows[0]!.n} findings, ${rows[0]!.digest}`;
}

const { db, drop } = await open();
try {
  const t = performance.now();
  await populate(db, associations);
  console.log(`database                ${db.kind}`);
  console.log(`associations            ${associations}`);
  console.log(`populate seconds        ${((performance.now() - t) / 1000).toFixed(1)}`);
  const results: Record<string, { first: number; later: TTimings; digest: string }> = {};
  if (which !== 'current') results.before = await measure(db, 'before ', runScreeningBefore);
  if (which !== 'before') results.current = await measure(db, 'current', runScreening);
  for (const [label, r] of Object.entries(results)) {
    console.log(`${label.padEnd(8)} first run (all new) s         ${r.first.toFixed(2)}`);
    if (runs > 1)
      for (const key of ['load', 'evaluate', 'store', 'total'] as const)
        console.log(
          `${label.padEnd(8)} median ${key.padEnd(9)} (persisting) s  ${median(r.later[key]).toFixed(2)}`,
        );
  }
  for (const [label, r] of Object.entries(results))
    console.log(`${label.padEnd(8)} stored findings ${r.digest}`);
  if (results.before && results.current) {
    if (results.before.digest !== results.current.digest) {
      process.exitCode = 1;
      console.log('stored findings DIFFER between before and current');
    } else console.log('stored findings identical between before and current');
    console.log(
      `ratio first run before/current       ${(results.before.first / results.current.first).toFixed(2)}`,
    );
    if (runs > 1)
      console.log(
        `ratio median persisting before/current ${(median(results.before.later.total) / median(results.current.later.total)).toFixed(2)}`,
      );
  }
} finally {
  await drop();
}
