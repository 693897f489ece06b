import { describe, expect, it } from 'vitest';
import { getPack } from './packs.ts';
import { decideScope } from './scope.ts';
import { buildAssociation, buildPost, buildStatus, derivePack, findingsOf, run } from './test-support.ts';

const params = getPack('national-2019').parameters;

describe('SCOPE-1', () => {
  it('puts an industry association of one trade, registered as a social group, in scope', () => {
    const result = decideScope({ association: buildAssociation(), params });
    expect(result.outcome).toBe('in');
    expect(result.reasons.map((r) => r.code)).toEqual(['suffix', 'membership_basis', 'social_group']);
    expect(findingsOf(run(), 'SCOPE-1')).toEqual([]);
  });

  it.each([
    ['某省计算机学会', '学会'],
    ['某省软件产业研究会', '研究会'],
    ['某市科学技术协会', '科学技术协会'],
  ])('puts %s out of scope by its suffix %s, checking exclusions before 协会', (name, suffix) => {
    const result = decideScope({ association: buildAssociation({ name }), params });
    expect(result.outcome).toBe('out');
    expect(result.reasons[0]?.zh).toContain(suffix);
  });

  it('ignores a trailing bracketed note such as （筹） when reading the suffix', () => {
    expect(
      decideScope({ association: buildAssociation({ name: '某省软件行业协会（筹）' }), params }).outcome,
    ).toBe('in');
  });

  it('puts a group of another registration category out of scope', () => {
    const association = buildAssociation({
      uscc: '52330000MJ8800001A',
      registrationCategory: 'private_non_enterprise',
    });
    expect(decideScope({ association, params }).outcome).toBe('out');
  });

  it('puts an academic membership out of scope even with an industry suffix', () => {
    const association = buildAssociation({ membershipBasis: 'academic' });
    expect(decideScope({ association, params }).outcome).toBe('out');
  });

  it('raises SCOPE-1 (info) when the suffix is not on the list', () => {
    const evaluation = run({ facts: { association: { name: '某省软件企业俱乐部' } } });
    expect(evaluation.scope.outcome).toBe('needs_decision');
    const [finding] = findingsOf(evaluation, 'SCOPE-1');
    expect(finding?.severity).toBe('info');
    expect(finding?.explanationZh).toContain('需人工认定');
  });

  it('raises SCOPE-1 when the membership basis is unknown', () => {
    expect(findingsOf(run({ facts: { association: { membershipBasis: null } } }), 'SCOPE-1')).toHaveLength(1);
  });

  it('lets a recorded manual decision override the name test', () => {
    const association = buildAssociation({
      name: '某省计算机学会',
      scopeDecision: {
        kind: 'manual',
        outcome: 'in',
        ref: '民社〔2020〕3号',
        decidedOn: '2020-05-01',
        reason: null,
      },
    });
    const result = decideScope({ association, params });
    expect(result.outcome).toBe('in');
    expect(result.reasons[0]?.zh).toContain('民社〔2020〕3号');
  });

  it('puts a centrally exempted association out of scope', () => {
    const association = buildAssociation({
      scopeDecision: {
        kind: 'central_exemption',
        outcome: 'in',
        ref: '中编办〔2016〕1号',
        decidedOn: '2016-01-05',
        reason: null,
      },
    });
    expect(decideScope({ association, params }).outcome).toBe('out');
  });

  it('skips the in-scope rules for an out-of-scope group but still checks officials there', () => {
    const evaluation = run({
      facts: {
        association: { name: '某省计算机学会' },
        charterAmendments: [],
        posts: [
          buildPost({
            approvals: [],
            person: {
              ...buildPost().person,
              status: buildStatus({ status: 'serving', retiredOn: null, rank: 'division' }),
            },
          }),
        ],
      },
    });
    expect(evaluation.scope.outcome).toBe('out');
    expect(findingsOf(evaluation, 'INST-5')).toEqual([]);
    expect(findingsOf(evaluation, 'PERS-1')).toHaveLength(1);
  });

  it('skips the in-scope rules for an undecided association when the pack says so', () => {
    const pack = derivePack('national-2019', { scope: { undecidedCountsAsInScope: false } });
    const facts = { association: { name: '某省软件企业俱乐部' }, charterAmendments: [] };
    expect(findingsOf(run({ facts, pack }), 'INST-5')).toEqual([]);
    expect(findingsOf(run({ facts }), 'INST-5')).toHaveLength(1);
  });
});
