import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluator, matchFiles, readTruth, type TQuality } from './evaluate.ts';
import { generateBenchmark } from './generate.ts';

/**
 * Guards matching quality on the XS benchmark. The floors sit a little under the measured values
 * (docs/matching.md) so that noise-free regressions in normalisation or scoring fail here.
 */
const FLOOR = { f1: 0.95, precision: 0.985, idPresentRecall: 0.98 };

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
