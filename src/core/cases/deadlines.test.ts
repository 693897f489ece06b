import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../policy/dates.ts';
import { ruleFindings } from '../policy/test-support.ts';
import { BUILT_IN_BATCHES, deadlinesFor, findBatch, type TBatch } from './batches.ts';
import { overdue, toCaseFact } from './deadlines.ts';
import { caseIn } from './test-support.ts';
import { openCase } from './transitions.ts';
import { BLOCKED_REASONS, CASE_STATES, type TCase } from './types.ts';

describe('batches and deadlines', () => {
  it('holds the three pilot batches, the 2019 list and dual management', () => {
    expect(BUILT_IN_BATCHES.map((b) => [b.id, b.kind])).toEqual([
      ['pilot-2015-1', 'pilot'],
      ['pilot-2016-2', 'pilot'],
      ['pilot-2017-3', 'pilot'],
      ['rollout-2019', 'full_rollout'],
      ['dual-management', 'dual_management'],
    ]);
    for (const b of BUILT_IN_BATCHES) {
      if (b.planDeadline && b.completionDeadline) expect(b.planDeadline < b.completionDeadline).toBe(true);
    }
  });

  it('gives the national deadlines to a national association and to a province without its own', () => {
    for (const jurisdiction of ['100000', '110000', '440305']) {
      expect(deadlinesFor({ batch: 'rollout-2019', jurisdiction })).toEqual({
        planDeadline: '2019-12-31',
        completionDeadline: '2020-12-31',
        planSource: 'national',
        completionSource: 'national',
      });
    }
  });

  it('lets a province override the national deadlines for every region inside it', () => {
    for (const jurisdiction of ['330000', '330106']) {
      expect(deadlinesFor({ batch: 'rollout-2019', jurisdiction })).toEqual({
        planDeadline: '2019-10-31',
        completionDeadline: '2020-06-30',
        planSource: '33',
        completionSource: '33',
      });
    }
  });

  it('lets a city override its province field by field', () => {
    const batches: TBatch[] = [
      {
        ...findBatch({ batch: 'rollout-2019' }),
        overrides: [
          { jurisdiction: '3301', completionDeadline: '2020-03-31', source: '市方案' },
          {
            jurisdiction: '33',
            planDeadline: '2019-10-31',
            completionDeadline: '2020-06-30',
            source: '省方案',
          },
        ],
      },
    ];
    expect(deadlinesFor({ batch: 'rollout-2019', jurisdiction: '330106', batches })).toEqual({
      planDeadline: '2019-10-31',
      completionDeadline: '2020-03-31',
      planSource: '33',
      completionSource: '3301',
    });
    expect(deadlinesFor({ batch: 'rollout-2019', jurisdiction: '330206', batches }).completionDeadline).toBe(
      '2020-06-30',
    );
  });

  it('sets no deadline under dual management', () => {
    expect(deadlinesFor({ batch: 'dual-management', jurisdiction: '330000' })).toMatchObject({
      planDeadline: null,
      completionDeadline: null,
    });
  });

  it('throws on an unknown batch, naming the known ones', () => {
    expect(() => deadlinesFor({ batch: '2018', jurisdiction: '100000' })).toThrow(
      /Unknown batch "2018".*pilot-2015-1/,
    );
  });

  it('opens a case in the listed state with its batch’s deadlines for its jurisdiction', () => {
    const c = openCase({ id: 'c', associationUscc: 'u', batch: 'rollout-2019', jurisdiction: '330100' });
    expect(c).toMatchObject({
      state: 'listed',
      listedOn: '2019-06-14',
      planDeadline: '2019-10-31',
      completionDeadline: '2020-06-30',
      version: 0,
    });
    expect(
      openCase({
        id: 'c',
        associationUscc: 'u',
        batch: 'pilot-2016-2',
        jurisdiction: '100000',
        listedOn: '2016-06-20',
      }).listedOn,
    ).toBe('2016-06-20');
  });
});

const late = (overrides: Partial<TCase> = {}): TCase => ({
  ...caseIn('executing'),
  planDeadline: '2019-10-31',
  completionDeadline: '2020-06-30',
  planApprovedOn: null,
  ...overrides,
});

describe('overdue', () => {
  it('lists no plan as overdue on the plan deadline day, and CASE-1 the day after', () => {
    const c = late({ state: 'plan_submitted' });
    expect(overdue({ cases: [c], asOf: '2019-10-31' })).toEqual([]);
    expect(overdue({ cases: [c], asOf: '2019-11-01' })).toEqual([
      {
        ruleId: 'CASE-1',
        caseId: 'case-1',
        associationUscc: c.associationUscc,
        batch: 'rollout-2019',
        jurisdiction: '330100',
        state: 'plan_submitted',
        deadline: '2019-10-31',
        arisenOn: '2019-11-01',
        daysOverdue: 1,
        blockedReason: null,
      },
    ]);
  });

  it('counts a plan approved on the deadline day as in time, and one approved late from its approval day', () => {
    expect(overdue({ cases: [late({ planApprovedOn: '2019-10-31' })], asOf: '2019-11-15' })).toEqual([]);
    const approvedLate = late({ planApprovedOn: '2019-11-10' });
    expect(overdue({ cases: [approvedLate], asOf: '2019-11-09' }).map((e) => e.ruleId)).toEqual(['CASE-1']);
    expect(overdue({ cases: [approvedLate], asOf: '2019-11-10' })).toEqual([]);
  });

  it('lists CASE-2 from the day after the completion deadline, with the blocked reason', () => {
    const c = late({ planApprovedOn: '2019-09-01' });
    expect(overdue({ cases: [c], asOf: '2020-06-30' })).toEqual([]);
    const [entry] = overdue({ cases: [c], asOf: '2020-07-01' });
    expect(entry).toMatchObject({
      ruleId: 'CASE-2',
      deadline: '2020-06-30',
      daysOverdue: 1,
      blockedReason: null,
    });
    const blocked = { ...caseIn('blocked'), planApprovedOn: '2019-09-01', completionDeadline: '2020-06-30' };
    expect(overdue({ cases: [blocked], asOf: '2021-06-30' })[0]).toMatchObject({
      ruleId: 'CASE-2',
      daysOverdue: 365,
      blockedReason: 'policy_gap',
    });
  });

  it('keeps the last blocked reason of a case that resumed and is still late', () => {
    const resumed = late({ planApprovedOn: '2019-09-01', lastBlockedReason: 'insufficient_work' });
    expect(overdue({ cases: [resumed], asOf: '2020-08-01' })[0]?.blockedReason).toBe('insufficient_work');
  });

  it('stops once the case is decoupled, but not before the day it was', () => {
    const c = late({ state: 'decoupled', planApprovedOn: '2019-09-01', decoupledOn: '2020-09-01' });
    expect(overdue({ cases: [c], asOf: '2020-08-31' }).map((e) => e.ruleId)).toEqual(['CASE-2']);
    expect(overdue({ cases: [c], asOf: '2020-09-01' })).toEqual([]);
  });

  it('skips exempt cases and cases without deadlines', () => {
    const exempt = late({ state: 'exempt', exemption: { approvalRef: 'x', note: null, on: '2019-08-01' } });
    const dual = openCase({
      id: 'd',
      associationUscc: 'u',
      batch: 'dual-management',
      jurisdiction: '330100',
    });
    expect(overdue({ cases: [exempt, dual], asOf: '2025-01-01' })).toEqual([]);
  });

  it('sorts by deadline, then case', () => {
    const a = late({ id: 'b-case' });
    const b = late({ id: 'a-case' });
    const entries = overdue({ cases: [a, b], asOf: '2021-01-01' });
    expect(entries.map((e) => `${e.deadline} ${e.caseId} ${e.ruleId}`)).toEqual([
      '2019-10-31 a-case CASE-1',
      '2019-10-31 b-case CASE-1',
      '2020-06-30 a-case CASE-2',
      '2020-06-30 b-case CASE-2',
    ]);
  });

  it('agrees with the CASE-1 and CASE-2 rules of the policy engine for any case and day', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2018-01-01', n));
    const maybeDay = fc.option(day, { nil: null });
    const arbitraryCase = fc.record({
      state: fc.constantFrom(...CASE_STATES.filter((s) => s !== 'exempt')),
      planDeadline: maybeDay,
      completionDeadline: maybeDay,
      // Mostly unapproved and not decoupled, so that the rules fire in many runs.
      planApprovedOn: fc.option(day, { nil: null, freq: 2 }),
      decoupledOn: fc.option(day, { nil: null, freq: 2 }),
      lastBlockedReason: fc.option(fc.constantFrom(...BLOCKED_REASONS), { nil: null }),
    });
    let fired = 0;
    fc.assert(
      fc.property(arbitraryCase, day, (fields, asOf) => {
        const c: TCase = { ...caseIn('executing'), ...fields, blocked: null };
        const ours = overdue({ cases: [c], asOf }).map(
          (e) => `${e.ruleId} ${e.arisenOn} ${e.blockedReason ?? '-'}`,
        );
        const engine = (['CASE-1', 'CASE-2'] as const).flatMap((ruleId) =>
          ruleFindings(ruleId, { facts: { case: toCaseFact(c) }, asOf }).map(
            (f) => `${f.ruleId} ${f.arisenOn} ${String(f.facts.reasonEn ?? '-').replace(' ', '_')}`,
          ),
        );
        expect(ours.sort()).toEqual(engine.sort());
        fired += engine.length;
      }),
      { numRuns: 300 },
    );
    // The comparison means something only if the rules fired in a good share of the runs.
    expect(fired).toBeGreaterThan(50);
  });
});
