import { describe, expect, it } from 'vitest';
import { buildCase, buildFee, buildFunction, buildLink, ruleFindings } from './test-support.ts';

describe('FUNC-1', () => {
  it('flags a licensing function with no legal basis', () => {
    const [finding] = ruleFindings('FUNC-1', {
      facts: { functions: [buildFunction({ name: '企业资质评定', kind: 'licensing' })] },
    });
    expect(finding?.explanationZh).toContain('企业资质评定');
    expect(finding?.explanationZh).toContain('行政许可');
  });

  it('does not flag it with a legal basis, or once the function has ended', () => {
    const functions = [
      buildFunction({ kind: 'approval', legalBasis: '《某某条例》第十条' }),
      buildFunction({ id: 'fn-2', kind: 'licensing', endedOn: '2020-01-01' }),
    ];
    expect(ruleFindings('FUNC-1', { facts: { functions } })).toEqual([]);
  });
});

describe('FUNC-2', () => {
  it('flags a commissioned function with neither catalogue entry nor contract', () => {
    const functions = [buildFunction({ origin: 'commissioned', handedOverByOrganCode: 'MIN' })];
    expect(ruleFindings('FUNC-2', { facts: { functions } })[0]?.explanationZh).toContain(
      '某省工业和信息化厅',
    );
  });

  it('does not flag it with a contract, nor the association’s own functions', () => {
    const functions = [
      buildFunction({ origin: 'handed_over', contractRef: 'ZC-2024-01' }),
      buildFunction({ id: 'fn-2', origin: 'authorised', catalogueEntry: '目录第3项' }),
      buildFunction({ id: 'fn-3' }),
    ];
    expect(ruleFindings('FUNC-2', { facts: { functions } })).toEqual([]);
  });
});

describe('FUNC-3', () => {
  it('flags an unpublished commissioned item and, separately, its unpublished fee', () => {
    const functions = [buildFunction({ origin: 'commissioned', contractRef: 'ZC-1', published: false })];
    const feeItems = [
      buildFee({
        id: 'fee-9',
        name: '评价费',
        category: 'service',
        linkedFunctionId: 'fn-1',
        published: false,
      }),
    ];
    const findings = ruleFindings('FUNC-3', { facts: { functions, feeItems } });
    expect(findings.map((f) => f.aspect)).toEqual(['fee:fee-9', 'item']);
  });

  it('does not flag a published item with published fees', () => {
    const functions = [buildFunction({ origin: 'commissioned', contractRef: 'ZC-1' })];
    const feeItems = [buildFee({ category: 'service', linkedFunctionId: 'fn-1' })];
    expect(ruleFindings('FUNC-3', { facts: { functions, feeItems } })).toEqual([]);
  });
});

describe('FUNC-4', () => {
  const notDecoupled = buildCase({ decoupledOn: null, completionDeadline: '2026-12-31' });
  const service = buildFunction({
    name: '资质申报代理',
    kind: 'intermediary_service',
    tiedApprovalOrganCode: 'LAB',
  });

  it('flags an intermediary service tied to approvals of a unit under its own linked organ', () => {
    const [finding] = ruleFindings('FUNC-4', {
      facts: { case: notDecoupled, links: [buildLink()], functions: [service] },
    });
    expect(finding?.explanationZh).toContain('资质申报代理');
    expect(finding?.explanationZh).toContain('信息中心检测实验室');
  });

  it('does not flag it once decoupled, or when the approvals belong to an unrelated organ', () => {
    expect(ruleFindings('FUNC-4', { facts: { links: [buildLink()], functions: [service] } })).toEqual([]);
    const unrelated = { ...service, tiedApprovalOrganCode: 'CO' };
    expect(
      ruleFindings('FUNC-4', { facts: { case: notDecoupled, links: [buildLink()], functions: [unrelated] } }),
    ).toEqual([]);
  });
});
