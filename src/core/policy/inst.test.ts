import { describe, expect, it } from 'vitest';
import { buildCase, buildLink, findingsOf, ruleFindings, run } from './test-support.ts';

describe('INST-1', () => {
  it('flags a host link with a centre subordinate to the former ministry after decoupling', () => {
    const [finding] = ruleFindings('INST-1', {
      facts: { links: [buildLink({ organCode: 'CTR', kind: 'host' })] },
    });
    expect(finding?.severity).toBe('violation');
    expect(finding?.subject).toEqual({ type: 'link', id: 'link-1' });
    expect(finding?.explanationZh).toContain('某省工业和信息化厅的下属单位');
    expect(finding?.explanationZh).toContain('挂靠');
  });

  it('walks the hierarchy more than one level up to the administrative organ', () => {
    expect(ruleFindings('INST-1', { facts: { links: [buildLink({ organCode: 'LAB' })] } })).toHaveLength(1);
  });

  it('does not flag a link that ended on the decoupling day', () => {
    expect(ruleFindings('INST-1', { facts: { links: [buildLink({ endedOn: '2016-12-01' })] } })).toEqual([]);
  });

  it('does not flag a link with a non-administrative organ', () => {
    expect(ruleFindings('INST-1', { facts: { links: [buildLink({ organCode: 'CO' })] } })).toEqual([]);
  });

  it('does not flag a listed association before its deadline', () => {
    const facts = {
      links: [buildLink()],
      case: buildCase({ decoupledOn: null, completionDeadline: '2025-07-01' }),
    };
    expect(ruleFindings('INST-1', { facts, asOf: '2025-07-01' })).toEqual([]);
  });

  it('flags a listed association past its deadline under national-2019 but not under national-2015', () => {
    const facts = {
      links: [buildLink()],
      case: buildCase({ decoupledOn: null, completionDeadline: '2025-06-30' }),
    };
    const [finding] = ruleFindings('INST-1', { facts, asOf: '2025-07-01' });
    expect(finding?.explanationZh).toContain('完成期限 2025-06-30 已过');
    expect(finding?.arisenOn).toBe('2025-07-01');
    expect(ruleFindings('INST-1', { facts, asOf: '2025-07-01', packId: 'national-2015' })).toEqual([]);
  });
});

describe('INST-2', () => {
  it('flags a decoupled association whose record still names a supervising unit (national-2019)', () => {
    const facts = { association: { recordedSupervisingUnit: '某省工业和信息化厅' } };
    const [finding] = ruleFindings('INST-2', { facts });
    expect(finding?.explanationEn).toContain('still names a supervising unit');
    expect(ruleFindings('INST-2', { facts, packId: 'national-2015' })).toEqual([]);
  });

  it('flags a current supervisor link to any organ', () => {
    expect(ruleFindings('INST-2', { facts: { links: [buildLink({ organCode: 'CO' })] } })).toHaveLength(1);
  });

  it('does not flag an association without a supervising unit', () => {
    expect(
      ruleFindings('INST-2', { facts: { links: [buildLink({ kind: 'contact', organCode: 'CO' })] } }),
    ).toEqual([]);
  });
});

describe('INST-3', () => {
  const institution = {
    id: 'inst-1',
    name: '软件评测中心',
    transferredTo: null,
    legalPersonCancelledOn: null,
  };

  it('flags a public institution neither merged nor transferred', () => {
    const [finding] = ruleFindings('INST-3', {
      facts: { institutions: [{ ...institution, disposition: 'neither' }] },
    });
    expect(finding?.severity).toBe('open');
    expect(finding?.explanationZh).toContain('软件评测中心');
  });

  it('flags a merge without the legal person cancelled', () => {
    expect(
      ruleFindings('INST-3', { facts: { institutions: [{ ...institution, disposition: 'merged' }] } }),
    ).toHaveLength(1);
  });

  it('does not flag a merged institution whose legal person was cancelled, or a transferred one', () => {
    const institutions = [
      { ...institution, disposition: 'merged' as const, legalPersonCancelledOn: '2017-01-01' },
      { ...institution, id: 'inst-2', disposition: 'transferred' as const, transferredTo: '省经信委' },
    ];
    expect(ruleFindings('INST-3', { facts: { institutions } })).toEqual([]);
  });

  it('does not apply to an association never on a decoupling list', () => {
    expect(
      ruleFindings('INST-3', {
        facts: { case: null, institutions: [{ ...institution, disposition: 'neither' }] },
      }),
    ).toEqual([]);
  });
});

describe('INST-4', () => {
  it('flags a phone number shared with the ministry, whatever its formatting', () => {
    const [finding] = ruleFindings('INST-4', { facts: { association: { phone: '+86 (571) 8705 0000' } } });
    expect(finding?.severity).toBe('risk');
    expect(finding?.aspect).toBe('phone:MIN');
  });

  it('flags an address shared with a subordinate unit, ignoring spaces and full-width digits', () => {
    const [finding] = ruleFindings('INST-4', {
      facts: { association: { address: '杭州市 西湖区 省府路１０号' } },
    });
    expect(finding?.aspect).toBe('address:CTR');
  });

  it('flags a shared bank account', () => {
    expect(
      ruleFindings('INST-4', { facts: { association: { bankAccount: '6222000011112222' } } })[0]?.aspect,
    ).toBe('bankAccount:MIN');
  });

  it('does not flag contact data shared with a private company', () => {
    expect(ruleFindings('INST-4', { facts: { association: { phone: '0571-88880000' } } })).toEqual([]);
  });

  it('does not flag a listed association that is not yet decoupled', () => {
    const facts = {
      association: { phone: '0571-87050000' },
      case: buildCase({ decoupledOn: null, completionDeadline: '2026-12-31' }),
    };
    expect(ruleFindings('INST-4', { facts })).toEqual([]);
  });
});

describe('INST-5', () => {
  it('flags a decoupled association with no amended charter', () => {
    const [finding] = ruleFindings('INST-5', { facts: { charterAmendments: [] } });
    expect(finding?.severity).toBe('open');
  });

  it('flags an amendment made before decoupling, or not filed', () => {
    expect(
      ruleFindings('INST-5', {
        facts: { charterAmendments: [{ id: 'c', amendedOn: '2016-11-30', filedOn: '2016-12-20' }] },
      }),
    ).toHaveLength(1);
    expect(
      ruleFindings('INST-5', {
        facts: { charterAmendments: [{ id: 'c', amendedOn: '2016-12-01', filedOn: null }] },
      }),
    ).toHaveLength(1);
  });

  it('does not flag a charter amended on the decoupling day and filed', () => {
    expect(
      ruleFindings('INST-5', {
        facts: { charterAmendments: [{ id: 'c', amendedOn: '2016-12-01', filedOn: '2017-01-10' }] },
      }),
    ).toEqual([]);
  });

  it('does not apply before decoupling', () => {
    const facts = {
      charterAmendments: [],
      case: buildCase({ decoupledOn: null, completionDeadline: '2026-12-31' }),
    };
    expect(findingsOf(run({ facts }), 'INST-5')).toEqual([]);
  });
});
