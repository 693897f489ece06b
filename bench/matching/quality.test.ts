import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluator, matchFiles, readTruth, type TQuality } from './evaluate.ts';
import { generateBenchmark } from './generate.ts';

/**
 * Guards matching quality on the XS benchmark. The set and the matcher are deterministic, so the F1
 * floor is the level recorded in docs/matching.md (0.9736): any regression in normalisation,
 * blocking or scoring that costs a single pair fails here. Precision and ID-present recall have
 * floors of their own, a little under their recorded values (0.9961 and 1.0).
 */
const FLOOR = { f1: 0.9736, precision: 0.99, idPresentRecall: 0.99 };

let dir: string;
let quality: Record<string, TQuality>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'matching-quality-'));
  await generateBenchmark({ scale: 'XS', seed: 20261126, outDir: dir });
  const evaluator = createEvaluator(await readTruth(dir));
  for await (const d of matchFiles({
    dir,
    key: Buffer.from('quality test screening key......'),
    today: '2026-11-26',
  })) {
    evaluator.add(d);
  }
  quality = evaluator.result();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('matching quality on the XS benchmark', () => {
  it(`keeps F1 at or above ${FLOOR.f1} and precision at or above ${FLOOR.precision}`, () => {
    expect(quality.all!.f1).toBeGreaterThanOrEqual(FLOOR.f1);
    expect(quality.all!.precision).toBeGreaterThanOrEqual(FLOOR.precision);
  });

  it(`finds posts that carry an ID with recall at or above ${FLOOR.idPresentRecall}`, () => {
    expect(quality.id_present!.recall).toBeGreaterThanOrEqual(FLOOR.idPresentRecall);
  });

  it('beats exact keys on the corrupted slices: traditional, pinyin and legacy IDs are all found', () => {
    for (const slice of ['traditional', 'pinyin', 'legacy15']) {
      expect(quality[slice]!.tp, slice).toBeGreaterThan(0);
    }
  });
});
