import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseResidentId } from '../../src/core/matching/normalise-id.ts';
import { readCsv } from './csv.ts';
import { FILES, generateBenchmark, type TGenerationSummary } from './generate.ts';

let dir: string;
let summary: TGenerationSummary;

async function rows(name: string) {
  const out: Record<string, string>[] = [];
  for await (const row of readCsv(join(dir, name))) out.push(row);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'matching-gen-'));
  summary = await generateBenchmark({
    scale: 'XS',
    seed: 42,
    outDir: dir,
    sizes: { associations: 50, posts: 2000, serving: 5000, retired: 1000 },
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateBenchmark', () => {
  it('writes a truth line for every post, pointing only at roster records that exist', async () => {
    const posts = await rows(FILES.posts);
    const truth = await rows(FILES.truth);
    const keys = new Set(
      [...(await rows(FILES.serving)), ...(await rows(FILES.retired))].map((r) => r.record_key),
    );
    expect(truth.map((t) => t.post_ref)).toEqual(posts.map((p) => p.post_ref));
    const planted = truth.filter((t) => t.record_key);
    expect(planted).toHaveLength(summary.plantedPosts);
    expect(planted.every((t) => keys.has(t.record_key!))).toBe(true);
    expect(keys.size).toBe(6000);
  });

  it('gives every roster person a distinct, valid resident ID', async () => {
    const roster = [...(await rows(FILES.serving)), ...(await rows(FILES.retired))];
    const ids = roster
      .map((r) => normaliseResidentId(r.resident_id, { today: '2026-11-26' }))
      .filter((r) => r.kind !== 'missing');
    expect(ids.every((r) => r.kind === 'valid')).toBe(true);
    const normalised = ids.map((r) => (r.kind === 'valid' ? r.id : ''));
    expect(new Set(normalised).size).toBe(normalised.length);
  });

  it('plants hard negatives that share name and birth year with a rostered person but not the person', async () => {
    const truth = await rows(FILES.truth);
    const negatives = truth.filter((t) => t.slices!.includes('hard_negative'));
    expect(negatives.length).toBe(summary.hardNegatives);
    expect(negatives.every((t) => t.record_key === '')).toBe(true);
  });

  it('makes common names collide: the commonest name is held by many people', async () => {
    const roster = await rows(FILES.serving);
    const counts = new Map<string, number>();
    for (const r of roster) counts.set(r.name!, (counts.get(r.name!) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(10);
  });

  it('is the same file set for the same seed', async () => {
    const again = mkdtempSync(join(tmpdir(), 'matching-gen-'));
    try {
      await generateBenchmark({
        scale: 'XS',
        seed: 42,
        outDir: again,
        sizes: { associations: 50, posts: 2000, serving: 5000, retired: 1000 },
      });
      const a: string[] = [];
      for await (const r of readCsv(join(again, FILES.posts))) a.push(JSON.stringify(r));
      expect(a).toEqual((await rows(FILES.posts)).map((r) => JSON.stringify(r)));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});
