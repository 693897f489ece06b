import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { buildMatchWorld } from './support.ts';

const BIN = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));
const SECRET = 'ab'.repeat(32);
let dir: string;

function tuogou(args: string[]) {
  const { TUOGOU_SECRET: _, DATABASE_URL: __, ...inherited } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...inherited, TUOGOU_DATA_DIR: dir, TUOGOU_SECRET: SECRET },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuogou-match-run-'));
  // The embedded database the command opens, filled beforehand under the same secret.
  const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'db') });
  await buildMatchWorld(db, createPersonalDataProtector(SECRET));
  await db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tuogou match run', () => {
  it('stores a run over the registry and prints its counts', () => {
    const result = tuogou(['match', 'run', '--as-of', '2026-12-01', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      runId: 1,
      postsTotal: 2,
      postsDone: 2,
      matches: 1,
      possibles: 1,
    });
    const again = tuogou(['match', 'run', '--lang', 'en']);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(
      /^matching run 2: 53 roster records, 2 posts; 1 matches, 1 possible matches/,
    );
  });

  it('refuses a bad date, and file matching without its files', () => {
    const badDate = tuogou(['match', 'run', '--as-of', '2026-13-01']);
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toContain('--as-of must be a date YYYY-MM-DD');
    const noPosts = tuogou(['match', '--serving', 'a.csv', '--retired', 'b.csv']);
    expect(noPosts.status).toBe(1);
    expect(noPosts.stderr).toContain("required option '--posts <file>' not specified");
  });
});
