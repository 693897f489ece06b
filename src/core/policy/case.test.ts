import { describe, expect, it } from 'vitest';
import {
  buildCase,
  buildFee,
  buildFunction,
  buildLink,
  buildPerson,
  buildPost,
  buildStatus,
  findingsOf,
  ruleFindings,
  run,
} from './test-support.ts';

describe('CASE-1', () => {
  const pending = buildCase({
    decoupledOn: null,
    planApprovedOn: null,
    planDeadline: '2025-06-30',
    completionDeadline: '2026-06-30',
  });

  it('flags a listed association with no approved plan the day after the plan deadline', () => {
    expect(ruleFindings('CASE-1', { facts: { case: pending }, asOf: '2025-06-30' })).toEqual([]);
    expect(ruleFindings('CASE-1', { facts: { case: pending }, asOf: '2025-07-01' })[0]?.severity).toBe(
      'open',
    );
  });

  it('stops once the plan is approved', () => {
    const approved = { ...pending, planApprovedOn: '2025-07-01' };
    expect(ruleFindings('CASE-1', { facts: { case: approved }, asOf: '2025-07-02' })).toEqual([]);
  });
});

describe('CASE-2', () => {
  const overdue = buildCase({ decoupledOn: null, completionDeadline: '2017-12-31' });

  it('flags a case past its deadline and asks for the reason to be classified', () => {
    const [finding] = ruleFindings('CASE-2', { facts: { case: overdue } });
    expect(finding?.explanationZh).toContain('未将原因归类');
  });

  it('states a classified reason', () => {
    const [finding] = ruleFindings('CASE-2', {
      facts: { case: { ...overdue, blockedReason: 'policy_gap' } },
    });
    expect(finding?.explanationZh).toContain('政策缺口');
  });

  it('does not flag a case decoupled, or still within its deadline', () => {
    expect(ruleFindings('CASE-2', {})).toEqual([]);
    expect(
      ruleFindings('CASE-2', { facts: { case: { ...overdue, completionDeadline: '2025-07-01' } } }),
    ).toEqual([]);
  });
});

describe('CASE-3', () => {
  it('flags a link to a centre of the former organ started after the case was closed as decoupled', () => {
    const evaluation = run({
      facts: { links: [buildLink({ organCode: 'CTR', kind: 'host', startedOn: '2024-01-01' })] },
    });
    const [finding] = findingsOf(evaluation, 'CASE-3');
    expect(finding?.facts.underlyingRule).toBe('INST-1');
    expect(finding?.aspect).toBe(findingsOf(evaluation, 'INST-1')[0]?.fingerprint);
    expect(finding?.explanationZh).toContain('2024-01-01 出现 INST-1 违规');
  });

  it('does not count a link carried over from before decoupling as re-coupling', () => {
    const evaluation = run({ facts: { links: [buildLink({ startedOn: '2005-04-01' })] } });
    expect(findingsOf(evaluation, 'INST-1')).toHaveLength(1);
    expect(findingsOf(evaluation, 'CASE-3')).toEqual([]);
  });

  it('counts a serving official placed after decoupling and a fee on a commissioned item', () => {
    const posts = [
      buildPost({
        startedOn: '2024-01-01',
        person: buildPerson({ status: buildStatus({ status: 'serving', retiredOn: null }) }),
      }),
    ];
    const functions = [buildFunction({ origin: 'commissioned', contractRef: 'ZC-1' })];
    const feeItems = [buildFee({ category: 'service', linkedFunctionId: 'fn-1', startedOn: '2023-01-01' })];
    const rules = ruleFindings('CASE-3', { facts: { posts, functions, feeItems } }).map(
      (f) => f.facts.underlyingRule,
    );
    expect(rules.sort()).toEqual(['FEE-5', 'PERS-1']);
  });

  it('does not count other fee violations, risks or findings of an association not decoupled', () => {
    expect(
      ruleFindings('CASE-3', {
        facts: { feeItems: [buildFee({ compulsory: true, startedOn: '2023-01-01' })] },
      }),
    ).toEqual([]);
    expect(ruleFindings('CASE-3', { facts: { association: { phone: '0571-87050000' } } })).toEqual([]);
    const pending = buildCase({ decoupledOn: null, completionDeadline: '2026-01-01' });
    expect(
      ruleFindings('CASE-3', { facts: { case: pending, links: [buildLink({ startedOn: '2024-01-01' })] } }),
    ).toEqual([]);
  });
});

describe('CASE-3 with INST-2', () => {
  it('counts a supervising unit recorded again after decoupling but not one kept from before', () => {
    const again = ruleFindings('CASE-3', {
      facts: { links: [buildLink({ organCode: 'CO', startedOn: '2023-01-01' })] },
    });
    expect(again.map((f) => f.facts.underlyingRule)).toEqual(['INST-2']);
    const kept = ruleFindings('CASE-3', {
      facts: { links: [buildLink({ organCode: 'CO', startedOn: '2005-01-01' })] },
    });
    expect(kept).toEqual([]);
  });
});
