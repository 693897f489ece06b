import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('tuogou demo', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('documents generate and load in --help', () => {
    const generate = run('demo', 'generate', '--help');
    expect(generate.status).toBe(0);
    expect(generate.stdout).toMatch(/--scale <scale>/);
    expect(generate.stdout).toMatch(/--seed <n>/);
    expect(generate.stdout).toMatch(/--out <dir>/);
    const load = run('demo', 'load', '--help');
    expect(load.status).toBe(0);
    expect(load.stdout).toMatch(/--seed <n>/);
  });

  it('writes the demo files for a seed and reports what it wrote', async () => {
    const out = await mkdtemp(join(tmpdir(), 'tuogou-cli-demo-'));
    dirs.push(out);
    const result = run('demo', 'generate', '--scale', 'demo', '--seed', '11', '--out', out);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/posts\.csv\s+\d+ rows/);
    const truth = JSON.parse(await readFile(join(out, 'truth.json'), 'utf8'));
    expect(truth.seed).toBe(11);
    expect(truth.scale).toBe('demo');
  }, 120_000);

  it('refuses a seed that is not a whole number, and an unknown scale', () => {
    const badSeed = run('demo', 'generate', '--seed', 'abc', '--out', tmpdir());
    expect(badSeed.status).not.toBe(0);
    expect(badSeed.stderr).toMatch(/whole number/);
    const badScale = run('demo', 'generate', '--scale', 'planet', '--out', tmpdir());
    expect(badScale.status).not.toBe(0);
    expect(badScale.stderr).toMatch(/demo, national|"demo", "national"/);
  });
});
