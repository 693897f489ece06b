#!/usr/bin/env node
// The one test command: type check, lint, build the web app and check the portal's bundle budget,
// every test on the embedded database, then the database tests again on a PostgreSQL server.
// Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ci = process.env.CI === 'true';
const postgresUrl = process.env.TUOGOU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const reports = mkdtempSync(join(tmpdir(), 'tuogou-test-'));
let passed = 0;
let failed = 0;

function run(label, command, args, env = {}) {
  console.log(`\n── ${label} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function vitest(label, reportName, args, env) {
  const report = join(reports, `${reportName}.json`);
  const ok = run(
    label,
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    env,
  );
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests + (ok || summary.numFailedTests > 0 ? 0 : 1);
  } catch {
    failed += 1;
  }
  return ok;
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

let ok = true;
ok = run('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) && ok;
ok = run('lint', 'npx', ['biome', 'check', '.']) && ok;
ok = run('build web app', 'npm', ['run', 'build:web', '--silent']) && ok;
ok =
  run('public portal bundle budget (300 KB gzip)', 'npx', [
    'tsx',
    'web/scripts/bundle-size.ts',
    '--budget',
  ]) && ok;
ok = vitest('tests on the embedded database (PGlite)', 'pglite', []) && ok;

if (await postgresReachable()) {
  ok =
    vitest(
      'database tests on the PostgreSQL server',
      'postgres',
      [
        '--exclude',
        'src/core/**',
        '--exclude',
        'test/e2e/**',
        '--exclude',
        'web/**',
        '--exclude',
        'bench/**',
      ],
      {
        TUOGOU_TEST_DATABASE_URL: postgresUrl,
      },
    ) && ok;
} else if (ci) {
  console.error(`PostgreSQL is not reachable at ${postgresUrl}; CI must test on it.`);
  ok = false;
  failed += 1;
} else {
  console.log(`\nPostgreSQL not reachable at ${postgresUrl}: the server pass is left to CI.`);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
