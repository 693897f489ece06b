import { describe, expect, it } from 'vitest';
import { buildCase, ruleFindings } from './test-support.ts';

describe('PARTY-1', () => {
  const party = {
    organisationExists: true,
    memberCount: 5,
    relationship: 'former_organ' as const,
    transferredOn: null,
  };

  it('flags a party organisation still under the former organ after decoupling', () => {
    expect(ruleFindings('PARTY-1', { facts: { party } })[0]?.severity).toBe('open');
  });

  it('does not flag it once transferred, or before decoupling', () => {
    expect(ruleFindings('PARTY-1', { facts: { party: { ...party, transferredOn: '2025-07-01' } } })).toEqual(
      [],
    );
    expect(
      ruleFindings('PARTY-1', {
        facts: { party, case: buildCase({ decoupledOn: null, completionDeadline: '2026-01-01' }) },
      }),
    ).toEqual([]);
  });
});

describe('PARTY-2', () => {
  const party = (memberCount: number) => ({
    organisationExists: false,
    memberCount,
    relationship: null,
    transferredOn: null,
  });

  it('flags three party members and no party organisation', () => {
    expect(ruleFindings('PARTY-2', { facts: { party: party(3) } })[0]?.explanationZh).toContain('3 名');
  });

  it('does not flag two members', () => {
    expect(ruleFindings('PARTY-2', { facts: { party: party(2) } })).toEqual([]);
  });
});

describe('PARTY-3', () => {
  it('flags foreign affairs still run by the former organ and not otherwise', () => {
    expect(
      ruleFindings('PARTY-3', { facts: { foreignAffairs: { administeredByFormerOrgan: true } } }),
    ).toHaveLength(1);
    expect(
      ruleFindings('PARTY-3', { facts: { foreignAffairs: { administeredByFormerOrgan: null } } }),
    ).toEqual([]);
  });
});
