import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES } from '../../bench/matching/generate.ts';
import { matchCsvRow } from '../../src/jobs/match.ts';
import { benchmarkFiles, generateSmall, runToEnd, TEST_SECRET, TODAY } from './support.ts';

const BIN = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));

let dir: string;
let files: ReturnType<typeof benchmarkFiles>;

function tuogou(args: string[], env: Record<string, string> = {}) {
  const { TUOGOU_SECRET: _, ...inherited } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...inherited, TUOGOU_DATA_DIR: join(dir, 'data'), ...env },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuogou-match-cli-'));
  await generateSmall(dir);
  files = benchmarkFiles(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('node bin/tuogou.js match', () => {
  it('explains every option in --help', () => {
    const result = tuogou(['match', '--help']);
    expect(result.status).toBe(0);
    for (const option of ['--posts', '--serving', '--retired', '--out', '--decisions', '--organs', '--links'])
      expect(result.stdout).toContain(option);
    for (const column of ['post_id', 'record_key', 'decision', 'probability', 'score', 'reasons', 'verdict'])
      expect(result.stdout).toContain(column);
  });

  it('writes the CSV the job gives under the configured secret, prints a summary, and never the secret', async () => {
    const out = join(dir, 'matches.csv');
    const result = tuogou(
      [
        'match',
        '--posts',
        files.posts,
        '--serving',
        files.serving,
        '--retired',
        files.retired,
        '--out',
        out,
        '--as-of',
        TODAY,
      ],
      { TUOGOU_SECRET: TEST_SECRET },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('posts.csv: 读取 1000 行');
    expect(result.stdout).toMatch(/名册记录 5000 条，任职 1000 条：匹配 \d+，待审核 \d+/);
    expect(result.stdout).toMatch(/用时 [\d.]+ 秒/);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const written = parse((await readFile(out, 'utf8')).replace(/^\uFEFF/, '')) as string[][];
    const { decisions } = await runToEnd({
      posts: files.posts,
      serving: files.serving,
      retired: files.retired,
      secret: TEST_SECRET,
      today: TODAY,
    });
    expect(decisions.length).toBeGreaterThan(20);
    // The CLI indexes in a worker thread, the job here on one: the decisions are the same.
    expect(written.slice(1)).toEqual(decisions.map(matchCsvRow));
    expect(result.stdout + result.stderr).not.toContain(TEST_SECRET);
    // Nothing of the rosters is left behind: the folder holds the inputs and the output, no index.
    expect(readdirSync(dir).sort()).toEqual(
      [...Object.values(FILES), 'matches.csv', ...(existsSync(join(dir, 'data')) ? ['data'] : [])].sort(),
    );
  });

  it('refuses a broken roster with exit code 1, the file, row and column, and writes no output', async () => {
    const broken = join(dir, 'roster-without-name.csv');
    const text = await readFile(files.serving, 'utf8');
    await writeFile(broken, text.replace(/^source,record_key,name,/, 'source,record_key,nickname,'));
    const out = join(dir, 'refused.csv');
    const result = tuogou([
      'match',
      '--posts',
      files.posts,
      '--serving',
      broken,
      '--retired',
      files.retired,
      '--out',
      out,
      '--lang',
      'en',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('roster-without-name.csv');
    expect(result.stderr).toMatch(/roster-without-name\.csv\s+1\s+姓名/);
    expect(result.stderr).toContain('the required column "name"');
    expect(result.stderr).toContain('nothing was matched and no output was written');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
