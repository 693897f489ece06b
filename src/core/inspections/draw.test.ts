import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeUscc } from '../ids/uscc.ts';
import { resolvePack } from '../policy/packs.ts';
import type { TLevel } from '../registry/types.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';
import {
  commitSeed,
  DrawError,
  minimumQuota,
  prepareDraw,
  readPublishedDraw,
  runDraw,
  type TFrameEntry,
  verifyDraw,
  yearlyDrawPlan,
} from './draw.ts';

const ratioByLevel = resolvePack({ regionCode: '110000', asOf: '2025-01-01' }).parameters.insp.ratioByLevel;
const SEED = 'a3f1c9e07b5d4f2a8c6e1b0d9f7a5c3e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a';
const OTHER_SEED = SEED.replace(/^a/, 'b');

function frameOf(counts: Partial<Record<TLevel, number>>): TFrameEntry[] {
  const frame: TFrameEntry[] = [];
  let n = 0;
  for (const [level, count] of Object.entries(counts) as [TLevel, number][]) {
    for (let i = 0; i < count; i += 1) {
      n += 1;
      frame.push({
        uscc: composeUscc('5', '1', '110000', String(n).padStart(8, '0')),
        level,
        category: n % 3 === 0 ? 'trade' : null,
      });
    }
  }
  return frame;
}

function yearly(frame: TFrameEntry[], seed = SEED) {
  const { strata, quotas } = yearlyDrawPlan({ frame, ratioByLevel });
  return prepareDraw({
    drawId: '2026-yearly-110000',
    kind: 'yearly',
    title: { zh: '2026 年度抽查', en: '2026 yearly draw' },
    publishedOn: '2026-03-02',
    frame,
    strata,
    quotas,
    seedCommitment: commitSeed(seed),
  });
}

describe('quotas', () => {
  it('rounds the minimum ratios up and is exact on whole percentages', () => {
    expect(minimumQuota(100, 0.03)).toBe(3);
    expect(minimumQuota(101, 0.03)).toBe(4);
    expect(minimumQuota(1, 0.03)).toBe(1);
    expect(minimumQuota(0, 0.1)).toBe(0);
    expect(minimumQuota(250, 0.04)).toBe(10);
    expect(minimumQuota(21, 0.05)).toBe(2);
  });

  it('never draws fewer than the ratio nor more than one above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom(0.03, 0.04, 0.05, 0.1),
        (population, ratio) => {
          const q = minimumQuota(population, ratio);
          const perMillion = Math.round(ratio * 1_000_000);
          return q * 1_000_000 >= population * perMillion && (q - 1) * 1_000_000 < population * perMillion;
        },
      ),
    );
  });

  it('plans one stratum per level at the pack ratios: county 3%, city 4%, province 5%, national 10%', () => {
    const frame = frameOf({ county: 120, municipal: 60, provincial: 41, national: 9 });
    const { quotas } = yearlyDrawPlan({ frame, ratioByLevel });
    expect(quotas).toEqual({ county: 4, municipal: 3, provincial: 3, national: 1 });
  });
});

describe('the verifiable draw', () => {
  const frame = frameOf({ county: 120, municipal: 60, provincial: 41, national: 9 });

  it('publishes canonical JSON with the frame sorted by USCC and its SHA-256', () => {
    const { published, document } = yearly([...frame].reverse());
    expect(published.sha256).toBe(sha256Hex(published.json));
    expect(canonicalJson(JSON.parse(published.json))).toBe(published.json);
    const usccs = document.frame.map((e) => e.uscc);
    expect(usccs).toEqual([...usccs].sort());
    expect(yearly(frame).published).toEqual(published);
  });

  it('draws the quota of each stratum from that stratum only, the same way every time', () => {
    const { published, document } = yearly(frame);
    const result = runDraw({ published, seed: SEED });
    expect(result.selections).toHaveLength(11);
    for (const s of result.selections) {
      expect(document.frame.find((e) => e.uscc === s.uscc)?.stratum).toBe(s.stratum);
    }
    expect(runDraw({ published, seed: SEED })).toEqual(result);
    expect(
      runDraw({ published: yearly(frame, OTHER_SEED).published, seed: OTHER_SEED }).selections,
    ).not.toEqual(result.selections);
  });

  it('is verified by anyone from the published JSON, its hash and the seed alone', () => {
    const { published } = yearly(frame);
    const result = runDraw({ published, seed: SEED });
    // A verifier holds only the published text and hash, and the seed published after the draw.
    const copy = { json: `${published.json}`, sha256: `${published.sha256}` };
    expect(verifyDraw({ published: copy, seed: SEED, result: JSON.parse(JSON.stringify(result)) })).toEqual({
      ok: true,
      selections: 11,
    });
  });

  it('detects a seed that does not match the commitment', () => {
    const { published } = yearly(frame);
    const result = runDraw({ published, seed: SEED });
    const verdict = verifyDraw({ published, seed: OTHER_SEED, result });
    expect(verdict).toMatchObject({ ok: false, code: 'seed_mismatch' });
    expect(() => runDraw({ published, seed: OTHER_SEED })).toThrow(DrawError);
  });

  it('refuses a result that records another seed than the one published', () => {
    const { published } = yearly(frame);
    const result = runDraw({ published, seed: SEED });
    expect(verifyDraw({ published, seed: SEED, result: { ...result, seed: OTHER_SEED } })).toMatchObject({
      ok: false,
      code: 'result_differs',
      difference: null,
    });
  });

  it('detects a frame changed after publication', () => {
    const { published } = yearly(frame);
    const result = runDraw({ published, seed: SEED });
    const document = JSON.parse(published.json);
    document.frame.pop();
    const tampered = { json: canonicalJson(document), sha256: published.sha256 };
    expect(verifyDraw({ published: tampered, seed: SEED, result })).toMatchObject({
      ok: false,
      code: 'published_tampered',
    });
  });

  it('names the first selection that differs from a claimed result', () => {
    const { published, document } = yearly(frame);
    const result = runDraw({ published, seed: SEED });
    const swapped = document.frame.find(
      (e) => e.stratum === 'county' && !result.selections.some((s) => s.uscc === e.uscc),
    );
    const claimed = {
      ...result,
      selections: result.selections.map((s, i) => (i === 5 ? { ...s, uscc: swapped?.uscc ?? '' } : s)),
    };
    const verdict = verifyDraw({ published, seed: SEED, result: claimed });
    expect(verdict).toMatchObject({ ok: false, code: 'result_differs', difference: { index: 5 } });
    if (!verdict.ok) expect(verdict.en).toContain(`got ${swapped?.uscc}`);
    const shorter = { ...result, selections: result.selections.slice(0, -1) };
    expect(verifyDraw({ published, seed: SEED, result: shorter })).toMatchObject({
      ok: false,
      difference: { index: 10, actual: null },
    });
  });

  it('needs the beacon value when the draw names one, and the beacon changes the outcome', () => {
    const { strata, quotas } = yearlyDrawPlan({ frame, ratioByLevel });
    const base = {
      drawId: 'd',
      kind: 'yearly' as const,
      title: { zh: '抽查', en: 'draw' },
      publishedOn: '2026-03-02',
      frame,
      strata,
      quotas,
      seedCommitment: commitSeed(SEED),
    };
    const { published } = prepareDraw({
      ...base,
      beacon: { source: 'closing value of an index on 2026-03-09' },
    });
    expect(() => runDraw({ published, seed: SEED })).toThrow(/beacon/);
    const a = runDraw({ published, seed: SEED, beacon: '3021.17' });
    const b = runDraw({ published, seed: SEED, beacon: '3021.18' });
    expect(a.selections).not.toEqual(b.selections);
    expect(verifyDraw({ published, seed: SEED, beacon: '3021.17', result: a }).ok).toBe(true);
  });

  it('draws by category for an irregular draw and leaves the others out of the frame', () => {
    const { published, document, excluded } = prepareDraw({
      drawId: 'irregular-trade',
      kind: 'irregular',
      title: { zh: '专项抽查', en: 'targeted draw' },
      publishedOn: '2026-05-06',
      frame,
      strata: [{ id: 'trade', label: { zh: '商贸类', en: 'trade' }, category: 'trade' }],
      quotas: { trade: 5 },
      seedCommitment: commitSeed(SEED),
    });
    expect(document.frame.every((e) => e.category === 'trade')).toBe(true);
    expect(excluded).toBe(frame.length - document.frame.length);
    expect(runDraw({ published, seed: SEED }).selections).toHaveLength(5);
  });

  it('refuses an invalid USCC, a duplicate and a quota above the population, naming where', () => {
    const plan = yearlyDrawPlan({ frame, ratioByLevel });
    const base = {
      drawId: 'd',
      kind: 'yearly' as const,
      title: { zh: 'x', en: 'x' },
      publishedOn: '2026-03-02',
      seedCommitment: commitSeed(SEED),
      ...plan,
    };
    const bad = [...frame];
    bad[3] = { ...frame[3]!, uscc: '51110000MJ0000001X' };
    expect(() => prepareDraw({ ...base, frame: bad })).toThrow(/frame\[3\]\.uscc/);
    expect(() => prepareDraw({ ...base, frame: [...frame, frame[0]!] })).toThrow(/appears twice/);
    expect(() => prepareDraw({ ...base, frame, quotas: { ...plan.quotas, national: 10 } })).toThrow(
      /quotas.national: expected a whole number from 0 to 9/,
    );
    expect(() => prepareDraw({ ...base, frame, seedCommitment: SEED.slice(1) })).toThrow(/seedCommitment/);
  });

  it('refuses a published file that is not canonical', () => {
    const { published } = yearly(frame);
    const pretty = JSON.stringify(JSON.parse(published.json), null, 2);
    expect(() => readPublishedDraw({ json: pretty, sha256: sha256Hex(pretty) })).toThrow(/not canonical/);
  });
});
