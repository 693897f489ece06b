import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));
let dataDir: string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TUOGOU_DATA_DIR: dataDir, DATABASE_URL: '' },
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tuogou-screen-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('tuogou screen and tuogou findings on the configured database', () => {
  it('stores a run and reports its counts as JSON', () => {
    const result = run('screen', '--json', '--as-of', '2020-06-30');
    expect(result.status, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as { runId: number; asOf: string; associations: number };
    expect(body).toMatchObject({ runId: 1, asOf: '2020-06-30', associations: 0, findings: 0 });
  }, 60_000);

  it('lists findings, and refuses a move on a finding that does not exist with a clear message', () => {
    const list = run('findings', 'list', '--json');
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ items: [], total: 0 });
    const missing = run('findings', 'waive', '42', '--reason', 'test');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/No finding has id 42/);
    const noReason = run('findings', 'waive', '42');
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);
  }, 60_000);
});
