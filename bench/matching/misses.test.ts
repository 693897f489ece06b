import { describe, expect, it } from 'vitest';
import type { TMatchDecision } from '../../src/core/matching/index.ts';
import { classifyDecision, evidenceOf } from './misses.ts';

const decision = (over: Partial<TMatchDecision>): TMatchDecision => ({
  postKey: 'P1',
  decision: 'no_match',
  recordKey: null,
  source: null,
  status: null,
  rank: null,
  organCode: null,
  retiredOn: null,
  probability: 0,
  score: -20,
  reasons: [],
  candidates: 0,
  ...over,
});

describe('classifyDecision', () => {
  const candidates = () => [
    { recordKey: 'S2', score: 5 },
    { recordKey: 'S1', score: 3 },
  ];

  it('counts a right match as found and a match of a stranger as a false positive', () => {
    expect(
      classifyDecision(decision({ decision: 'match', recordKey: 'S1', score: 9 }), 'S1', candidates),
    ).toEqual({
      fn: null,
      fp: null,
      truthScore: 9,
    });
    expect(classifyDecision(decision({ decision: 'match', recordKey: 'S1' }), '', candidates).fp).toBe(
      'stranger',
    );
    expect(classifyDecision(decision({}), '', candidates)).toEqual({ fn: null, fp: null, truthScore: null });
  });

  it('tells a record blocking never brought up from one that was outscored', () => {
    expect(classifyDecision(decision({ recordKey: 'S2' }), 'S9', candidates).fn).toBe('not_blocked');
    const outscored = classifyDecision(decision({ decision: 'match', recordKey: 'S2' }), 'S1', candidates);
    expect(outscored).toEqual({ fn: 'outscored', fp: 'wrong_person', truthScore: 3 });
  });

  it('tells a right best candidate sent to review from one below the review threshold', () => {
    const best = () => [{ recordKey: 'S1', score: 1 }];
    expect(classifyDecision(decision({ decision: 'possible', recordKey: 'S1' }), 'S1', best).fn).toBe(
      'review',
    );
    expect(classifyDecision(decision({ decision: 'no_match', recordKey: 'S1' }), 'S1', best).fn).toBe(
      'below_review',
    );
  });
});

describe('evidenceOf', () => {
  it('names what the post kept: ID, birth date, name form, organ link and commonness', () => {
    expect(evidenceOf(['id_missing', 'birth_missing', 'common_name'])).toBe(
      'no-id no-birth name no-organ common',
    );
    expect(evidenceOf(['id_present', 'legacy15', 'birth_swapped', 'pinyin', 'organ_linked'])).toBe(
      'id-15 birth-swapped pinyin organ rare',
    );
    expect(evidenceOf(['id_present', 'mistyped_digit', 'minority'])).toBe(
      'id-mistyped birth minority no-organ rare',
    );
  });
});
