import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createAssociation } from '../support/factories.ts';
import { fileAllAnnualReports } from './support.ts';

const BIN = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));
let dataDir: string;
let uscc: string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TUOGOU_DATA_DIR: dataDir, DATABASE_URL: '' },
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tuogou-credit-cli-'));
  const db = await openDatabase({ kind: 'pglite', dataDir: `${dataDir}/db` });
  const association = await createAssociation(db, {
    name: '测试市物流行业协会',
    regionCode: '110105',
    level: 'municipal',
  });
  uscc = association.uscc;
  await fileAllAnnualReports(db, uscc);
  // A warning on the eve of the National Day week: a ground for the abnormal list.
  await db.query(
    `INSERT INTO penalties (association_id, ref, kind, decided_on) SELECT id, 'P-1', 'warning', '2026-09-30'
     FROM associations WHERE uscc = $1`,
    [uscc],
  );
  await db.close();
}, 120_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('tuogou credit tick', () => {
  it('finds the ground in the facts, lists it once, and says what it did', () => {
    const first = run('credit', 'tick', '--as-of', '2026-10-09', '--json');
    expect(first.status, first.stderr).toBe(0);
    const body = JSON.parse(first.stdout) as {
      groundsFound: number;
      events: { uscc: string; event: { kind: string; on: string } }[];
    };
    expect(body.groundsFound).toBe(1);
    expect(body.events).toEqual([
      { uscc, event: expect.objectContaining({ kind: 'listed', on: '2026-10-09', list: 'abnormal' }) },
    ]);
    const again = run('credit', 'tick', '--as-of', '2026-10-09');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 new grounds, 0 events');
  }, 120_000);

  it('refuses a date that is not one', () => {
    const result = run('credit', 'tick', '--as-of', '2026-02-30x');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('--as-of must be a date YYYY-MM-DD');
  }, 60_000);
});
