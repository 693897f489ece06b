import { describe, expect, it } from 'vitest';
import { FINDING_STATUSES as CORE_FINDING_STATUSES } from '../../../src/core/findings/workflow.ts';
import { RULE_FAMILIES as CORE_RULE_FAMILIES, RULE_IDS } from '../../../src/core/policy/types.ts';
import { FINDING_STATUSES, RULE_FAMILIES } from './types.ts';

describe('wire enums of the rules issue', () => {
  it('knows the same rule families and finding statuses as the server', () => {
    expect(RULE_FAMILIES).toEqual(CORE_RULE_FAMILIES);
    expect(FINDING_STATUSES).toEqual(CORE_FINDING_STATUSES);
  });

  it('can name the family of every rule id from its prefix', () => {
    for (const id of RULE_IDS) {
      expect(RULE_FAMILIES as readonly string[], id).toContain(id.slice(0, id.lastIndexOf('-')));
    }
  });
});
