import { describe, expect, it } from 'vitest';
import { diffRuns, evaluate, evaluateAll, fingerprintOf } from './engine.ts';
import { getPack } from './packs.ts';
import {
  buildCase,
  buildFacts,
  buildFee,
  buildLink,
  buildPerson,
  buildPost,
  buildStatus,
  findingsOf,
  run,
  TEST_CALENDAR,
  type TFactsOverrides,
} from './test-support.ts';

const messy: TFactsOverrides = {
  links: [
    buildLink({ id: 'l1', organCode: 'CTR', startedOn: '2024-01-01' }),
    buildLink({ id: 'l2', kind: 'contact' }),
  ],
  posts: [
    buildPost({ id: 'p1', remunerated: true, termNumber: 3, person: buildPerson({ status: buildStatus() }) }),
    buildPost({
      id: 'p2',
      person: buildPerson({
        id: 'x',
        name: '王五',
        status: buildStatus({ status: 'serving', retiredOn: null }),
      }),
    }),
  ],
  feeItems: [
    buildFee({ id: 'f1', compulsory: true, published: false }),
    buildFee({ id: 'f2', category: 'branch_setup' }),
  ],
  charterAmendments: [],
  association: { phone: '0571-87050000' },
};

describe('evaluate', () => {
  it('is deterministic: the same facts give identical findings', () => {
    expect(run({ facts: messy })).toEqual(run({ facts: messy }));
  });

  it('does not depend on the order of the facts', () => {
    const reversed: TFactsOverrides = {
      ...messy,
      links: [...(messy.links ?? [])].reverse(),
      posts: [...(messy.posts ?? [])].reverse(),
      feeItems: [...(messy.feeItems ?? [])].reverse(),
    };
    expect(run({ facts: reversed }).findings).toEqual(run({ facts: messy }).findings);
  });

  it('gives every finding a unique fingerprint built from rule, association, subject and aspect', () => {
    const { findings } = run({ facts: messy });
    expect(findings.length).toBeGreaterThan(10);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
    for (const f of findings) expect(f.fingerprint).toBe(fingerprintOf(f));
    expect(findings.find((f) => f.ruleId === 'INST-1')?.fingerprint).toBe(
      'INST-1|51330000MJ8800001A|link:l1',
    );
  });

  it('records the pack and version, clause and both explanations on every finding', () => {
    for (const f of run({ facts: messy, packId: 'provincial-33-2019' }).findings) {
      expect(f.packId).toBe('provincial-33-2019');
      expect(f.packVersion).toBe('2019.1');
      expect(f.clause).not.toBe('');
      expect(f.explanationZh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.explanationEn).toMatch(/[a-z]/);
      expect(f.explanationZh).not.toMatch(/\{\w+\}/);
    }
  });

  it('skips rules the pack switches off', () => {
    const facts = { association: { recordedSupervisingUnit: '某厅' } };
    expect(findingsOf(run({ facts, packId: 'national-2019' }), 'INST-2')).toHaveLength(1);
    expect(findingsOf(run({ facts, packId: 'national-2015' }), 'INST-2')).toEqual([]);
  });

  it('gives a deregistered association only the credit-list rules', () => {
    const { findings } = run({
      facts: { ...messy, association: { status: 'deregistered', deregisteredOn: '2024-01-01' } },
    });
    expect(findings).toEqual([]);
    const penalties = [
      { id: 'c', kind: 'certificate_revoked' as const, amount: null, decidedOn: '2023-01-01' },
    ];
    const creditEntries = [
      {
        id: 'e',
        list: 'serious' as const,
        ground: 'certificate_revoked' as const,
        groundOn: '2023-01-01',
        listedOn: '2023-01-05',
        removedOn: null,
        obligationFulfilledOn: null,
        removalAppliedOn: null,
      },
    ];
    const revoked = run({
      facts: {
        ...messy,
        penalties,
        creditEntries,
        association: { status: 'deregistered', deregisteredOn: '2024-01-01' },
      },
    });
    expect(revoked.findings.map((f) => f.ruleId)).toEqual(['CRED-4']);
  });
});

describe('evaluateAll', () => {
  it('evaluates each association under the pack of its region', () => {
    const national = buildFacts({ association: { uscc: '51100000MJ0000001X', regionCode: '100000' } });
    const provincial = buildFacts();
    const results = [
      ...evaluateAll({ facts: [national, provincial], asOf: '2025-07-01', calendar: TEST_CALENDAR }),
    ];
    expect(results.map((r) => [r.uscc, r.packId])).toEqual([
      ['51100000MJ0000001X', 'national-2019'],
      ['51330000MJ8800001A', 'provincial-33-2019'],
    ]);
  });

  it('gives the same findings as evaluate one by one', () => {
    const facts = buildFacts(messy);
    const [all] = [...evaluateAll({ facts: [facts], asOf: '2025-07-01', calendar: TEST_CALENDAR })];
    expect(all).toEqual(
      evaluate({ pack: getPack('provincial-33-2019'), facts, asOf: '2025-07-01', calendar: TEST_CALENDAR }),
    );
  });
});

describe('diffRuns', () => {
  it('splits findings into new, persisting and resolved by fingerprint', () => {
    const before = run({ facts: messy, asOf: '2025-07-01' }).findings;
    const fixed: TFactsOverrides = {
      ...messy,
      links: [],
      feeItems: [buildFee({ id: 'f1', compulsory: true, published: false })],
    };
    const pending = buildCase({ decoupledOn: '2016-12-01' });
    const after = run({
      facts: {
        ...fixed,
        case: pending,
        staff: [],
        party: { organisationExists: false, memberCount: 9, relationship: null, transferredOn: null },
      },
      asOf: '2025-07-01',
    }).findings;
    const diff = diffRuns(before, after);
    expect(diff.resolved.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['INST-1', 'FEE-10', 'CASE-3']),
    );
    expect(diff.new.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['PARTY-2']));
    expect(diff.persisting.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['FEE-1', 'PERS-7', 'INST-4']),
    );
    expect(diff.new.length + diff.persisting.length).toBe(after.length);
    expect(diff.resolved.length + diff.persisting.length).toBe(before.length);
  });

  it('finds nothing new or resolved between identical runs', () => {
    const findings = run({ facts: messy }).findings;
    const diff = diffRuns(findings, findings);
    expect(diff.new).toEqual([]);
    expect(diff.resolved).toEqual([]);
    expect(diff.persisting).toHaveLength(findings.length);
  });
});
