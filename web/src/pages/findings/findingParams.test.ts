import { describe, expect, it } from 'vitest';
import { findingsParams, parseFindingsParams, sortOfHeader, withFamily } from './findingParams.ts';

describe('parseFindingsParams', () => {
  it('reads filters, page, page size and the open finding from the URL', () => {
    const state = parseFindingsParams(
      new URLSearchParams(
        'rule=PERS-5&family=PERS&severity=violation&organ=11100000000013127D&region=110000&status=open&includeResolved=true&page=2&pageSize=50&open=42',
      ),
    );
    expect(state).toEqual({
      filters: {
        rule: 'PERS-5',
        family: 'PERS',
        severity: 'violation',
        organ: '11100000000013127D',
        region: '110000',
        status: 'open',
        includeResolved: true,
      },
      page: 2,
      pageSize: 50,
      open: 42,
    });
  });

  it('upper-cases a rule id typed in lower case and drops one that is not a rule id', () => {
    expect(parseFindingsParams(new URLSearchParams('rule=pers-5')).filters.rule).toBe('PERS-5');
    expect(parseFindingsParams(new URLSearchParams('rule=drop table')).filters.rule).toBeUndefined();
  });

  it('drops unknown families, severities, statuses, bad numbers and a non-true includeResolved', () => {
    const state = parseFindingsParams(
      new URLSearchParams(
        'family=TAX&severity=fatal&status=closed&includeResolved=1&page=0&pageSize=7&open=x',
      ),
    );
    expect(state).toEqual({ filters: {}, page: 1, pageSize: 20 });
  });
});

describe('findingsParams', () => {
  it('round-trips a state through the URL', () => {
    const state = {
      filters: { family: 'FEE' as const, status: 'appealed' as const, association: '51100000500000000X' },
      page: 3,
      pageSize: 100,
      open: 7,
    };
    expect(parseFindingsParams(findingsParams(state))).toEqual(state);
  });

  it('leaves defaults and blank filters out of the URL', () => {
    expect(
      findingsParams({ filters: { rule: ' ', includeResolved: false }, page: 1, pageSize: 20 }).toString(),
    ).toBe('');
  });
});

describe('withFamily', () => {
  it('drops a chosen rule of another family and keeps one of the same family', () => {
    expect(withFamily({ rule: 'PERS-5', status: 'open' }, 'FEE')).toEqual({
      rule: undefined,
      family: 'FEE',
      status: 'open',
    });
    expect(withFamily({ rule: 'PERS-5' }, 'PERS')).toEqual({ rule: 'PERS-5', family: 'PERS' });
  });

  it('keeps the rule when the family is cleared', () => {
    expect(withFamily({ rule: 'FIN-3', family: 'FIN' }, undefined)).toEqual({
      rule: 'FIN-3',
      family: undefined,
    });
  });
});

describe('the findings sort', () => {
  it('keeps a known sort key, ascending or descending, in the URL and back', () => {
    for (const sort of ['severity', '-openedOn', 'rule', '-association', 'status'] as const) {
      const state = parseFindingsParams(new URLSearchParams(`sort=${sort}&page=3`));
      expect(state.sort).toBe(sort);
      expect(findingsParams(state).get('sort')).toBe(sort);
    }
  });

  it('drops an unknown sort key rather than sending it to the server', () => {
    expect(parseFindingsParams(new URLSearchParams('sort=-id')).sort).toBeUndefined();
    expect(parseFindingsParams(new URLSearchParams('sort=--rule')).sort).toBeUndefined();
    expect(findingsParams(parseFindingsParams(new URLSearchParams('sort=name'))).has('sort')).toBe(false);
  });

  it('turns a clicked column header into the API sort, and a cleared one into none', () => {
    expect(sortOfHeader('firstSeen', 'descend')).toBe('-openedOn');
    expect(sortOfHeader('severity', 'ascend')).toBe('severity');
    expect(sortOfHeader('severity', null)).toBeUndefined();
    expect(sortOfHeader('explanation', 'ascend')).toBeUndefined();
  });
});
