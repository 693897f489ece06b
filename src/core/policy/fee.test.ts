import { describe, expect, it } from 'vitest';
import type { TFeeItemFact } from './facts.ts';
import { reachesRatio } from './fee.ts';
import { buildDuesDecision, buildFee, buildFunction, ruleFindings } from './test-support.ts';
import type { TRuleId } from './types.ts';

function feeFindings(ruleId: TRuleId, fee: Partial<TFeeItemFact>, extra = {}) {
  return ruleFindings(ruleId, { facts: { feeItems: [buildFee(fee)], ...extra } });
}

describe('FEE-1', () => {
  it('flags compulsory dues and obstructed withdrawal as separate aspects', () => {
    expect(
      feeFindings('FEE-1', { compulsory: true, obstructsWithdrawal: true }).map((f) => f.aspect),
    ).toEqual(['compulsory', 'withdrawal']);
  });

  it('flags dues compulsory in disguise', () => {
    expect(feeFindings('FEE-1', { disguisedCompulsory: true })[0]?.explanationZh).toContain('变相强制');
  });

  it('does not flag voluntary dues', () => {
    expect(feeFindings('FEE-1', {})).toEqual([]);
  });
});

describe('FEE-2', () => {
  it('flags dues without their services, and a fee for a service dues cover', () => {
    expect(feeFindings('FEE-2', { servicesProvided: false })[0]?.aspect).toBe('no_services');
    expect(
      feeFindings('FEE-2', { category: 'service', name: '信息服务费', coveredByDues: true })[0]?.aspect,
    ).toBe('double_charge');
  });

  it('does not flag dues with services or a separate service', () => {
    expect(feeFindings('FEE-2', {})).toEqual([]);
    expect(feeFindings('FEE-2', { category: 'service' })).toEqual([]);
  });
});

describe('FEE-3', () => {
  it('flags dues collected by a branch, and a dues decision made by a branch', () => {
    expect(
      feeFindings('FEE-3', { collectedBy: 'branch', branchName: '软件测试专业委员会' })[0]?.explanationZh,
    ).toContain('由软件测试专业委员会收取');
    const findings = ruleFindings('FEE-3', {
      facts: { duesDecisions: [buildDuesDecision({ madeBy: 'branch' })] },
    });
    expect(findings[0]?.subject.type).toBe('dues_decision');
  });

  it('does not flag dues collected by headquarters', () => {
    expect(feeFindings('FEE-3', {})).toEqual([]);
  });
});

describe('FEE-4', () => {
  it('flags kickbacks and not clean fees', () => {
    expect(feeFindings('FEE-4', { category: 'training', kickback: true })).toHaveLength(1);
    expect(feeFindings('FEE-4', { category: 'training' })).toEqual([]);
  });
});

describe('FEE-5', () => {
  it('flags a fee charged for a commissioned item', () => {
    const functions = [buildFunction({ origin: 'commissioned', contractRef: 'ZC-1' })];
    const [finding] = feeFindings(
      'FEE-5',
      { category: 'service', name: '统计服务费', linkedFunctionId: 'fn-1' },
      { functions },
    );
    expect(finding?.explanationZh).toContain('行政机关委托事项“行业统计”');
  });

  it('does not flag a fee for the association’s own service', () => {
    const functions = [buildFunction()];
    expect(feeFindings('FEE-5', { category: 'service', linkedFunctionId: 'fn-1' }, { functions })).toEqual(
      [],
    );
  });
});

describe('FEE-6', () => {
  it('flags any fee tied to a rating or award', () => {
    expect(
      feeFindings('FEE-6', { category: 'service', name: '评审费', linkedAwardId: 'award-1' }),
    ).toHaveLength(1);
    expect(feeFindings('FEE-6', { category: 'standards_check' })).toHaveLength(1);
  });

  it('flags an award named with 全国 without approval and not one with approval', () => {
    const awards = [
      { id: 'a1', name: '全国十佳软件企业', approvalRef: null, startedOn: '2023-01-01' },
      { id: 'a2', name: '中国软件百强', approvalRef: '国评组〔2022〕5号', startedOn: '2023-01-01' },
      { id: 'a3', name: '省优秀软件产品', approvalRef: null, startedOn: '2023-01-01' },
    ];
    const findings = ruleFindings('FEE-6', { facts: { awards } });
    expect(findings.map((f) => f.subject.id)).toEqual(['a1']);
    expect(findings[0]?.explanationZh).toContain('“全国”');
  });

  it('does not flag ordinary dues', () => {
    expect(feeFindings('FEE-6', {})).toEqual([]);
  });
});

describe('FEE-7', () => {
  it('flags a qualification fee without basis and not one with basis', () => {
    expect(feeFindings('FEE-7', { category: 'qualification' })).toHaveLength(1);
    expect(feeFindings('FEE-7', { category: 'qualification', legalBasis: '国家职业资格目录第12项' })).toEqual(
      [],
    );
  });
});

describe('FEE-8', () => {
  it('flags compulsory paid training and not voluntary training', () => {
    expect(feeFindings('FEE-8', { category: 'training', compulsory: true })).toHaveLength(1);
    expect(feeFindings('FEE-8', { category: 'training' })).toEqual([]);
    expect(feeFindings('FEE-8', { category: 'publication', compulsory: true })).toEqual([]);
  });
});

describe('FEE-9', () => {
  it('flags a compulsory subscription and not a voluntary donation', () => {
    expect(feeFindings('FEE-9', { category: 'subscription', disguisedCompulsory: true })).toHaveLength(1);
    expect(feeFindings('FEE-9', { category: 'donation' })).toEqual([]);
  });
});

describe('FEE-10', () => {
  it('flags a branch set-up fee and not dues', () => {
    expect(feeFindings('FEE-10', { category: 'branch_setup' })).toHaveLength(1);
    expect(feeFindings('FEE-10', {})).toEqual([]);
  });
});

describe('FEE-11', () => {
  it('flags a leadership-seat fee and not dues', () => {
    expect(feeFindings('FEE-11', { category: 'leadership_seat' })).toHaveLength(1);
    expect(feeFindings('FEE-11', {})).toEqual([]);
  });
});

describe('FEE-12', () => {
  const decisionFindings = (overrides: Parameters<typeof buildDuesDecision>[0]) =>
    ruleFindings('FEE-12', {
      facts: { duesDecisions: [buildDuesDecision(overrides)], feeItems: [buildFee()] },
    });

  it('compares ratios exactly in whole numbers', () => {
    const twoThirds = { numerator: 2, denominator: 3, inclusive: true };
    expect(reachesRatio(60, 90, twoThirds)).toBe(true);
    expect(reachesRatio(59, 90, twoThirds)).toBe(false);
    expect(reachesRatio(2, 3, twoThirds)).toBe(true);
  });

  it('accepts attendance of exactly 2/3 and flags one fewer', () => {
    expect(decisionFindings({ eligible: 90, present: 60, votesFor: 40 })).toEqual([]);
    const [finding] = decisionFindings({ eligible: 90, present: 59, votesFor: 40 });
    expect(finding?.aspect).toBe('attendance');
    expect(finding?.explanationZh).toContain('到会 59/90 人');
  });

  it('flags approval of exactly half of those present and accepts one more', () => {
    expect(decisionFindings({ present: 60, votesFor: 30 })[0]?.aspect).toBe('approval');
    expect(decisionFindings({ present: 60, votesFor: 31 })).toEqual([]);
  });

  it('accepts 4 tiers and flags 5', () => {
    expect(decisionFindings({ tiers: [1, 2, 3, 4] })).toEqual([]);
    expect(decisionFindings({ tiers: [1, 2, 3, 4, 5] })[0]?.aspect).toBe('tiers');
  });

  it('flags a floating standard, an open ballot and a standard set by the council', () => {
    expect(
      decisionFindings({ floating: true, secretBallot: false, madeBy: 'council' }).map((f) => f.aspect),
    ).toEqual(['floating', 'not_assembly', 'secret_ballot']);
  });

  it('flags dues collected under a standard that was not adopted', () => {
    const findings = decisionFindings({ adopted: false });
    expect(findings.map((f) => [f.subject.type, f.aspect])).toEqual([['fee_item', 'unadopted']]);
  });

  it('does not check a superseded decision', () => {
    const old = buildDuesDecision({ id: 'dues-0', tiers: [1, 2, 3, 4, 5, 6], supersededOn: '2021-01-01' });
    expect(
      ruleFindings('FEE-12', {
        facts: { duesDecisions: [old, buildDuesDecision()], feeItems: [buildFee()] },
      }),
    ).toEqual([]);
  });
});

describe('FEE-13', () => {
  it('flags a compulsory service fee priced without procedure and not one priced by procedure', () => {
    expect(
      feeFindings('FEE-13', { category: 'service', compulsory: true, pricedByProcedure: false }),
    ).toHaveLength(1);
    expect(feeFindings('FEE-13', { category: 'service', compulsory: true, pricedByProcedure: true })).toEqual(
      [],
    );
  });
});

describe('FEE-14', () => {
  const market = { category: 'service' as const, pricing: 'market' as const, referenceAmount: 100 };

  it('queues a market price above 1.5 times the reference as a risk, and not one at 1.5 times', () => {
    const [finding] = feeFindings('FEE-14', { ...market, amount: 151 });
    expect(finding?.severity).toBe('risk');
    expect(feeFindings('FEE-14', { ...market, amount: 150 })).toEqual([]);
  });

  it('queues a market-priced fee with 3 complaints and not with 2', () => {
    expect(feeFindings('FEE-14', { ...market, amount: 100, complaintCount: 3 })[0]?.aspect).toBe(
      'complaints',
    );
    expect(feeFindings('FEE-14', { ...market, amount: 100, complaintCount: 2 })).toEqual([]);
  });
});

describe('FEE-15', () => {
  it('flags an unpublished dues standard and an unpublished dues item', () => {
    const findings = ruleFindings('FEE-15', {
      facts: {
        duesDecisions: [buildDuesDecision({ published: false })],
        feeItems: [buildFee({ published: false })],
      },
    });
    expect(findings.map((f) => f.subject.type)).toEqual(['dues_decision', 'fee_item']);
  });

  it('does not flag published dues', () => {
    expect(feeFindings('FEE-15', {})).toEqual([]);
  });
});
