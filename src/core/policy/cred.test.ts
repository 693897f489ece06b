import { describe, expect, it } from 'vitest';
import { buildCreditEntry, ruleFindings } from './test-support.ts';

const reportsWithout = (year: number, filedOn: string | null = null) =>
  Array.from({ length: 13 }, (_, i) => 2017 + i).map((y) => ({
    year: y,
    filedOn: y === year ? filedOn : `${y + 1}-03-31`,
  }));

describe('CRED-1', () => {
  it('is silent until the report deadline has passed', () => {
    expect(
      ruleFindings('CRED-1', { facts: { annualReports: reportsWithout(2024) }, asOf: '2025-05-31' }),
    ).toEqual([]);
  });

  it('makes an abnormal-list entry due 5 working days after the missed deadline, skipping the holiday', () => {
    const [finding] = ruleFindings('CRED-1', {
      facts: { annualReports: reportsWithout(2024) },
      asOf: '2025-06-01',
    });
    expect(finding?.subject).toEqual({ type: 'annual_report', id: '51330000MJ8800001A:2024' });
    expect(finding?.arisenOn).toBe('2025-06-01');
    // 2025-06-02 is the Dragon Boat holiday: the 5th working day after Sunday 06-01 is Monday 06-09.
    expect(finding?.dueOn).toBe('2025-06-09');
    expect(finding?.severity).toBe('open');
    expect(finding?.explanationZh).toContain('（2025-06-09 前）列入活动异常名录');
  });

  it('turns into a violation the day after the entry was due', () => {
    const options = { facts: { annualReports: reportsWithout(2024) } };
    expect(ruleFindings('CRED-1', { ...options, asOf: '2025-06-09' })[0]?.severity).toBe('open');
    expect(ruleFindings('CRED-1', { ...options, asOf: '2025-06-10' })[0]?.severity).toBe('violation');
  });

  it('is silent once listed for that ground, or once the report is filed late', () => {
    const creditEntries = [buildCreditEntry({ groundOn: '2025-06-01', listedOn: '2025-06-05' })];
    expect(
      ruleFindings('CRED-1', {
        facts: { annualReports: reportsWithout(2024), creditEntries },
        asOf: '2025-07-01',
      }),
    ).toEqual([]);
    expect(
      ruleFindings('CRED-1', {
        facts: { annualReports: reportsWithout(2024, '2025-06-20') },
        asOf: '2025-07-01',
      }),
    ).toEqual([]);
  });

  it('raises a warning as a ground for 6 months', () => {
    const penalties = [{ id: 'pen-1', kind: 'warning' as const, amount: null, decidedOn: '2025-03-03' }];
    expect(ruleFindings('CRED-1', { facts: { penalties }, asOf: '2025-09-02' })[0]?.aspect).toBe(
      'minor_penalty',
    );
    expect(ruleFindings('CRED-1', { facts: { penalties }, asOf: '2025-09-03' })).toEqual([]);
  });

  it('raises the missing party organisation, an overdue rectification and unreachability as grounds', () => {
    const findings = ruleFindings('CRED-1', {
      facts: {
        party: { organisationExists: false, memberCount: 4, relationship: null, transferredOn: null },
        rectifications: [{ id: 'r1', orderedOn: '2025-03-01', dueOn: '2025-05-30', completedOn: null }],
        unreachable: [{ id: 'u1', verifiedOn: '2025-06-10', resolvedOn: null }],
      },
    });
    expect(findings.map((f) => f.aspect).sort()).toEqual([
      'no_party_organisation',
      'rectification_overdue',
      'unreachable',
    ]);
    expect(findings.find((f) => f.aspect === 'no_party_organisation')?.dueOn).toBeNull();
  });
});

describe('CRED-2', () => {
  it('makes removal due 5 working days after the fulfilled obligation was verified', () => {
    const creditEntries = [buildCreditEntry({ obligationFulfilledOn: '2025-03-03' })];
    const [finding] = ruleFindings('CRED-2', { facts: { creditEntries }, asOf: '2025-03-10' });
    expect(finding?.dueOn).toBe('2025-03-10');
    expect(finding?.severity).toBe('open');
    expect(ruleFindings('CRED-2', { facts: { creditEntries }, asOf: '2025-03-11' })[0]?.severity).toBe(
      'violation',
    );
  });

  it('removes a penalty listing automatically after 6 months, not a day before', () => {
    const creditEntries = [
      buildCreditEntry({ ground: 'minor_penalty', groundOn: '2025-01-06', listedOn: '2025-01-10' }),
    ];
    expect(ruleFindings('CRED-2', { facts: { creditEntries }, asOf: '2025-07-09' })).toEqual([]);
    const [finding] = ruleFindings('CRED-2', { facts: { creditEntries }, asOf: '2025-07-10' });
    expect(finding?.dueOn).toBe('2025-07-10');
    expect(finding?.explanationZh).toContain('自动移出');
  });

  it('restarts the 6-month clock on a new ground', () => {
    const creditEntries = [
      buildCreditEntry({ ground: 'minor_penalty', groundOn: '2025-01-06', listedOn: '2025-01-10' }),
      buildCreditEntry({
        id: 'entry-2',
        ground: 'unreachable',
        groundOn: '2025-03-01',
        listedOn: '2025-03-05',
      }),
    ];
    expect(ruleFindings('CRED-2', { facts: { creditEntries }, asOf: '2025-07-10' })).toEqual([]);
    expect(ruleFindings('CRED-2', { facts: { creditEntries }, asOf: '2025-09-01' })).toHaveLength(1);
  });

  it('does not remove a curable listing before the obligation is fulfilled, nor a removed one', () => {
    expect(
      ruleFindings('CRED-2', { facts: { creditEntries: [buildCreditEntry()] }, asOf: '2026-01-01' }),
    ).toEqual([]);
    const removed = [buildCreditEntry({ obligationFulfilledOn: '2025-03-03', removedOn: '2025-03-05' })];
    expect(ruleFindings('CRED-2', { facts: { creditEntries: removed }, asOf: '2025-03-10' })).toEqual([]);
  });
});

describe('CRED-3', () => {
  it('makes a serious-list entry due after a fine of 50,000 yuan or more', () => {
    const penalties = [{ id: 'pen-1', kind: 'fine' as const, amount: 80_000, decidedOn: '2025-04-01' }];
    const [finding] = ruleFindings('CRED-3', { facts: { penalties }, asOf: '2025-04-02' });
    expect(finding?.aspect).toBe('major_fine');
    // 2025-04-04 is Qingming: Wed 2, Thu 3, Mon 7, Tue 8, Wed 9.
    expect(finding?.dueOn).toBe('2025-04-09');
  });

  it('treats 49,999 yuan as an abnormal-list ground only and 50,000 as serious', () => {
    const fine = (amount: number) => ({
      penalties: [{ id: 'pen-1', kind: 'fine' as const, amount, decidedOn: '2025-04-01' }],
    });
    expect(ruleFindings('CRED-3', { facts: fine(49_999), asOf: '2025-04-02' })).toEqual([]);
    expect(ruleFindings('CRED-1', { facts: fine(49_999), asOf: '2025-04-02' })).toHaveLength(1);
    expect(ruleFindings('CRED-3', { facts: fine(50_000), asOf: '2025-04-02' })).toHaveLength(1);
  });

  it('counts two warnings within 3 years, the window inclusive', () => {
    const warnings = (second: string) => ({
      penalties: [
        { id: 'w1', kind: 'warning' as const, amount: null, decidedOn: '2022-05-10' },
        { id: 'w2', kind: 'warning' as const, amount: null, decidedOn: second },
      ],
    });
    const findings = ruleFindings('CRED-3', { facts: warnings('2025-05-10'), asOf: '2025-06-01' });
    expect(findings.map((f) => [f.subject.id, f.aspect])).toEqual([['w2', 'repeat_penalties']]);
    expect(ruleFindings('CRED-3', { facts: warnings('2025-05-11'), asOf: '2025-06-01' })).toEqual([]);
  });

  it('raises 2 years on the abnormal list on the second anniversary of the listing', () => {
    const creditEntries = [buildCreditEntry({ listedOn: '2023-06-05' })];
    expect(ruleFindings('CRED-3', { facts: { creditEntries }, asOf: '2025-06-04' })).toEqual([]);
    expect(ruleFindings('CRED-3', { facts: { creditEntries }, asOf: '2025-06-05' })[0]?.aspect).toBe(
      'abnormal_two_years',
    );
  });

  it('is silent once on the serious list for that ground', () => {
    const penalties = [
      { id: 'pen-1', kind: 'stop_activities' as const, amount: null, decidedOn: '2025-04-01' },
    ];
    const creditEntries = [
      buildCreditEntry({
        list: 'serious',
        ground: 'stop_activities',
        groundOn: '2025-04-01',
        listedOn: '2025-04-03',
      }),
    ];
    expect(ruleFindings('CRED-3', { facts: { penalties }, asOf: '2025-05-01' })).toHaveLength(1);
    expect(ruleFindings('CRED-3', { facts: { penalties, creditEntries }, asOf: '2025-05-01' })).toEqual([]);
  });
});

describe('CRED-4', () => {
  const serious = buildCreditEntry({
    list: 'serious',
    ground: 'major_fine',
    groundOn: '2022-05-05',
    listedOn: '2022-05-10',
  });

  it('tells from the second anniversary that removal may be applied for', () => {
    expect(ruleFindings('CRED-4', { facts: { creditEntries: [serious] }, asOf: '2024-05-09' })).toEqual([]);
    const [finding] = ruleFindings('CRED-4', { facts: { creditEntries: [serious] }, asOf: '2024-05-10' });
    expect(finding?.severity).toBe('info');
    expect(finding?.explanationZh).toContain('自 2024-05-10 起可申请移出');
  });

  it('makes removal due after an application', () => {
    const creditEntries = [{ ...serious, removalAppliedOn: '2025-03-03' }];
    const [finding] = ruleFindings('CRED-4', { facts: { creditEntries }, asOf: '2025-03-05' });
    expect(finding?.severity).toBe('open');
    expect(finding?.dueOn).toBe('2025-03-10');
  });

  it('pushes eligibility back after a new ground', () => {
    const penalties = [{ id: 'pen-2', kind: 'fine' as const, amount: 60_000, decidedOn: '2023-09-01' }];
    expect(
      ruleFindings('CRED-4', { facts: { creditEntries: [serious], penalties }, asOf: '2024-06-01' }),
    ).toEqual([]);
    expect(
      ruleFindings('CRED-4', { facts: { creditEntries: [serious], penalties }, asOf: '2025-09-01' }),
    ).toHaveLength(1);
  });

  it('makes removal due after deregistration where the certificate was revoked, and not before', () => {
    const revoked = buildCreditEntry({
      list: 'serious',
      ground: 'certificate_revoked',
      groundOn: '2024-01-02',
      listedOn: '2024-01-05',
    });
    const facts = {
      creditEntries: [revoked],
      association: { status: 'deregistered' as const, deregisteredOn: '2025-03-03' },
    };
    const [finding] = ruleFindings('CRED-4', { facts, asOf: '2025-03-04' });
    expect(finding?.dueOn).toBe('2025-03-10');
    expect(ruleFindings('CRED-4', { facts: { creditEntries: [revoked] }, asOf: '2025-03-04' })).toEqual([]);
  });
});
