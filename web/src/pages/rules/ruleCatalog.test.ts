import { describe, expect, it } from 'vitest';
import type { TRuleEntry } from '../../api/types.ts';
import { filterRules, parameterMatrix, parameterText, parseRuleParams, ruleParams } from './ruleCatalog.ts';

function rule(overrides: Partial<TRuleEntry> & Pick<TRuleEntry, 'id' | 'family'>): TRuleEntry {
  return {
    severity: 'violation',
    title: { zh: '标题', en: 'Title' },
    clause: '',
    appliesTo: 'in_scope',
    decisions: [],
    example: { zh: '', en: '' },
    packs: [],
    ...overrides,
  };
}

const PERS5 = rule({
  id: 'PERS-5',
  family: 'PERS',
  title: { zh: '退休领导干部超龄任职', en: 'Retired cadre holds a post beyond the age limit' },
  clause: '中组发〔2014〕11号',
  packs: [
    { packId: 'national-2015', version: '1', active: true, parameters: { 'pers.ageLimit': 70 } },
    {
      packId: 'national-2019',
      version: '2',
      active: true,
      parameters: { 'pers.ageLimit': 70, 'pers.ageLimitReachedOnBirthday': false },
    },
  ],
});
const FEE12 = rule({
  id: 'FEE-12',
  family: 'FEE',
  severity: 'violation',
  title: { zh: '会费标准未经合法程序', en: 'Dues standard not adopted properly' },
});
const INST4 = rule({ id: 'INST-4', family: 'INST', severity: 'risk' });

describe('filterRules', () => {
  it('finds a rule by id in any case, by either title and by clause', () => {
    expect(filterRules([PERS5, FEE12], { q: 'pers-5' })).toEqual([PERS5]);
    expect(filterRules([PERS5, FEE12], { q: '超龄' })).toEqual([PERS5]);
    expect(filterRules([PERS5, FEE12], { q: 'DUES' })).toEqual([FEE12]);
    expect(filterRules([PERS5, FEE12], { q: '2014' })).toEqual([PERS5]);
  });

  it('filters by family and severity together with the text', () => {
    expect(filterRules([PERS5, FEE12, INST4], { family: 'INST' })).toEqual([INST4]);
    expect(filterRules([PERS5, FEE12, INST4], { severity: 'risk' })).toEqual([INST4]);
    expect(filterRules([PERS5, FEE12, INST4], { family: 'FEE', q: 'age' })).toEqual([]);
  });
});

describe('rule params in the URL', () => {
  it('round-trips the search and drops unknown families and severities', () => {
    expect(parseRuleParams(ruleParams({ q: '退休', family: 'PERS', severity: 'risk' }))).toEqual({
      q: '退休',
      family: 'PERS',
      severity: 'risk',
    });
    expect(parseRuleParams(new URLSearchParams('family=TAX&severity=bad&q=%20'))).toEqual({});
  });
});

describe('parameterMatrix', () => {
  it('lays parameters out as rows and packs as columns, with a parameter only one pack has', () => {
    const matrix = parameterMatrix(PERS5);
    expect(matrix.packs.map((pack) => pack.key)).toEqual(['national-2015@1', 'national-2019@2']);
    expect(matrix.rows).toEqual([
      { name: 'pers.ageLimit', values: { 'national-2015@1': 70, 'national-2019@2': 70 } },
      {
        name: 'pers.ageLimitReachedOnBirthday',
        values: { 'national-2015@1': undefined, 'national-2019@2': false },
      },
    ]);
  });

  it('has no rows for a rule without parameters', () => {
    expect(parameterMatrix(FEE12)).toEqual({ packs: [], rows: [] });
  });
});

describe('parameterText', () => {
  it('shows lists, ratios, booleans and missing values readably', () => {
    expect(parameterText(['行业协会', '商会'], '是', '否')).toBe('行业协会、商会');
    expect(parameterText({ numerator: 2, denominator: 3, inclusive: true }, '是', '否')).toBe('≥ 2/3');
    expect(parameterText({ numerator: 1, denominator: 2, inclusive: false }, '是', '否')).toBe('> 1/2');
    expect(parameterText(false, '是', '否')).toBe('否');
    expect(parameterText(undefined, '是', '否')).toBe('—');
    expect(parameterText(null, '是', '否')).toBe('—');
    expect(parameterText({ a: 1 }, '是', '否')).toBe('{"a":1}');
  });
});
