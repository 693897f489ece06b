import { describe, expect, it } from 'vitest';
import { assignDrawInspectors, drawInspectors, type TInspector, type TInspectorPool } from './inspectors.ts';
import { checkInspectionRecord, publicInspectionResult, type TInspectionRecord } from './results.ts';

const SEED = 'a3f1c9e07b5d4f2a8c6e1b0d9f7a5c3e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a';
const USCC = '51110000MJ00000013';
const target = { uscc: USCC, formerOrganIds: ['organ-commerce'] };

function inspector(id: string, organId = 'organ-civil', extra: Partial<TInspector> = {}): TInspector {
  return { id, organId, priorPosts: [], declaredConflicts: [], ...extra };
}

const city: TInspectorPool = {
  id: 'city',
  label: { zh: '市检查人员库', en: 'city pool' },
  inspectors: [
    inspector('i1'),
    inspector('i2', 'organ-commerce'),
    inspector('i3', 'organ-civil', { priorPosts: [USCC] }),
    inspector('i4', 'organ-civil', { declaredConflicts: [USCC] }),
    inspector('i5'),
    inspector('i6'),
  ],
};
const province: TInspectorPool = {
  id: 'province',
  label: { zh: '省检查人员库', en: 'province pool' },
  inspectors: [inspector('p1'), inspector('p2'), inspector('i1')],
};

describe('inspector draw', () => {
  it('excludes the former sponsor organ, a prior post and a declared conflict', () => {
    const step = drawInspectors({
      drawId: 'd',
      seed: SEED,
      target,
      pools: [city],
      count: 2,
      minInspectors: 2,
    });
    if (!step.ok) throw new Error(step.refusal.en);
    expect(step.assignment.excluded).toEqual([
      { id: 'i2', conflict: 'former_sponsor_organ' },
      { id: 'i3', conflict: 'prior_post' },
      { id: 'i4', conflict: 'declared_conflict' },
    ]);
    expect(step.assignment.inspectors).toHaveLength(2);
    for (const i of step.assignment.inspectors) expect(['i1', 'i5', 'i6']).toContain(i.id);
    expect(step.assignment.usedFallback).toBe(false);
  });

  it('draws the same inspectors for the same seed and other ones for another organisation or seed', () => {
    const once = drawInspectors({
      drawId: 'd',
      seed: SEED,
      target,
      pools: [city],
      count: 2,
      minInspectors: 2,
    });
    const twice = drawInspectors({
      drawId: 'd',
      seed: SEED,
      target,
      pools: [city],
      count: 2,
      minInspectors: 2,
    });
    expect(twice).toEqual(once);
    const picks = new Set<string>();
    for (let n = 0; n < 20; n += 1) {
      const step = drawInspectors({
        drawId: `d${n}`,
        seed: SEED,
        target,
        pools: [city],
        count: 2,
        minInspectors: 2,
      });
      if (step.ok) picks.add(step.assignment.inspectors.map((i) => i.id).join(','));
    }
    expect(picks.size).toBeGreaterThan(1);
  });

  it('refuses fewer than two inspectors', () => {
    expect(
      drawInspectors({ drawId: 'd', seed: SEED, target, pools: [city], count: 1, minInspectors: 2 }),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'below_minimum' },
    });
  });

  it('makes up a small pool from the fallback pool, the primary pool first', () => {
    const step = drawInspectors({
      drawId: 'd',
      seed: SEED,
      target,
      pools: [city, province],
      count: 4,
      minInspectors: 2,
    });
    if (!step.ok) throw new Error(step.refusal.en);
    expect(step.assignment.inspectors.slice(0, 3).map((i) => i.poolId)).toEqual(['city', 'city', 'city']);
    expect(step.assignment.inspectors[3]?.poolId).toBe('province');
    expect(step.assignment.usedFallback).toBe(true);
    // i1 sits in both pools but is only considered once.
    expect(step.assignment.inspectors.filter((i) => i.id === 'i1')).toHaveLength(1);
  });

  it('refuses with the counts when every pool together is too small', () => {
    const step = drawInspectors({
      drawId: 'd',
      seed: SEED,
      target,
      pools: [city, province],
      count: 6,
      minInspectors: 2,
    });
    expect(step).toMatchObject({ ok: false, refusal: { code: 'too_few_inspectors' } });
    if (!step.ok) expect(step.refusal.en).toContain('only 5 inspectors without a conflict (3 excluded');
  });
});

describe('inspectors for a whole draw', () => {
  const targets = ['51110000MJ00000021', '51110000MJ00000030', '51110000MJ00000048'].map((uscc) => ({
    uscc,
    formerOrganIds: [],
  }));
  const pool: TInspectorPool = {
    id: 'city',
    label: { zh: '市', en: 'city' },
    inspectors: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => inspector(id)),
  };

  it('spreads the work so that nobody takes more than the limit, and is the same every time', () => {
    const run = () =>
      assignDrawInspectors({
        drawId: 'd',
        seed: SEED,
        targets,
        pools: [pool],
        count: 2,
        minInspectors: 2,
        maxPerInspector: 1,
      });
    const { assignments, refusals } = run();
    expect(refusals).toEqual([]);
    const ids = assignments.flatMap((a) => a.inspectors.map((i) => i.id));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(run()).toEqual({ assignments, refusals });
  });

  it('refuses the organisations left without enough inspectors once the limit is reached', () => {
    const { assignments, refusals } = assignDrawInspectors({
      drawId: 'd',
      seed: SEED,
      targets,
      pools: [pool],
      count: 3,
      minInspectors: 2,
      maxPerInspector: 1,
    });
    expect(assignments.map((a) => a.uscc)).toEqual([targets[0]?.uscc, targets[1]?.uscc]);
    expect(refusals).toMatchObject([{ uscc: targets[2]?.uscc, refusal: { code: 'too_few_inspectors' } }]);
  });
});

describe('inspection results', () => {
  const assignment = {
    uscc: USCC,
    inspectors: [
      { id: 'i1', poolId: 'city', rank: 1, score: 'x' },
      { id: 'i5', poolId: 'city', rank: 2, score: 'y' },
    ],
    excluded: [],
    usedFallback: false,
  };
  const record: TInspectionRecord = {
    drawId: 'd',
    uscc: USCC,
    inspectedOn: '2026-04-10',
    inspectorIds: ['i1', 'i5'],
    outcome: 'rectification_ordered',
    summary: { zh: '会费标准未公示', en: 'dues standard not published' },
    rectifyBy: '2026-05-10',
  };

  it('accepts a result by the assigned inspectors and publishes it without naming them', () => {
    expect(checkInspectionRecord({ record, assignment, minInspectors: 2 })).toEqual([]);
    const published = publicInspectionResult(record);
    expect(published.inspectorCount).toBe(2);
    expect(JSON.stringify(published)).not.toContain('i1');
  });

  it('refuses a result by an inspector not drawn, by one inspector, or an order without a deadline', () => {
    const problems = checkInspectionRecord({
      record: { ...record, inspectorIds: ['i1', 'i9'], rectifyBy: null },
      assignment,
      minInspectors: 2,
    });
    expect(problems.map((p) => p.en)).toEqual([
      'Inspectors i9 were not drawn for it',
      'An ordered rectification needs a deadline after the inspection',
    ]);
    expect(
      checkInspectionRecord({
        record: { ...record, inspectorIds: ['i1', 'i1'] },
        assignment,
        minInspectors: 2,
      }),
    ).toHaveLength(1);
  });
});
