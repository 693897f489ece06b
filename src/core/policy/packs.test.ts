import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PACK_DEFINITIONS,
  getPack,
  resolvePack,
  resolvePackDefinitions,
  type TPackDefinition,
} from './packs.ts';
import { RULE_IDS } from './types.ts';

describe('resolvePack', () => {
  it.each([
    ['110000', '2016-03-01', 'national-2015'],
    ['110000', '2019-06-13', 'national-2015'],
    ['110000', '2019-06-14', 'national-2019'],
    ['100000', '2025-01-01', 'national-2019'],
    ['330106', '2015-12-31', 'national-2015'],
    ['330106', '2016-01-01', 'provincial-33-2016'],
    ['330000', '2019-06-14', 'provincial-33-2019'],
    ['440300', '2025-01-01', 'national-2019'],
  ])('picks for region %s on %s the pack %s', (regionCode, asOf, id) => {
    expect(resolvePack({ regionCode, asOf }).id).toBe(id);
  });

  it('refuses a date before any pack was in force', () => {
    expect(() => resolvePack({ regionCode: '110000', asOf: '2015-07-07' })).toThrow(
      /No policy pack is in force for region 110000 on 2015-07-07/,
    );
  });
});

describe('pack inheritance', () => {
  it('lets national-2019 tighten national-2015: INST-1 past the deadline and INST-2 switched on', () => {
    const p2015 = getPack('national-2015');
    const p2019 = getPack('national-2019');
    expect(p2015.parameters.inst.listedPastDeadline).toBe(false);
    expect(p2019.parameters.inst.listedPastDeadline).toBe(true);
    expect(p2015.rules['INST-2']).toBe(false);
    expect(p2019.rules['INST-2']).toBe(true);
    expect(p2019.parameters.pers).toEqual(p2015.parameters.pers);
  });

  it('lets a province override the vacating deadline and keep everything else of its parent', () => {
    const province = getPack('provincial-33-2019');
    expect(province.lineage).toEqual(['provincial-33-2019', 'national-2019', 'national-2015']);
    expect(province.parameters.fin.vacatingDeadline).toBe('2017-12-31');
    expect(province.parameters.fin.paidUseAllowed).toBe(false);
    expect(province.parameters.fin.appropriationShares).toEqual(
      getPack('national-2015').parameters.fin.appropriationShares,
    );
    expect(province.parameters.inst.listedPastDeadline).toBe(true);
    expect(province.parameters.pers.ageLimit).toBe(70);
    expect(province.rules['INST-2']).toBe(true);
  });

  it('replaces arrays rather than merging them', () => {
    const child: TPackDefinition = {
      ...BUILT_IN_PACK_DEFINITIONS[1]!,
      id: 'narrow',
      parent: 'national-2015',
      parameters: { scope: { excludedSuffixes: ['学会'] } },
    };
    const packs = resolvePackDefinitions({ definitions: [...BUILT_IN_PACK_DEFINITIONS, child] });
    expect(getPack('narrow', packs).parameters.scope.excludedSuffixes).toEqual(['学会']);
    expect(getPack('narrow', packs).parameters.scope.includedSuffixes).toContain('商会');
  });

  it('rejects an unknown parent, a cycle and an incomplete root', () => {
    const base = BUILT_IN_PACK_DEFINITIONS[1]!;
    expect(() => resolvePackDefinitions({ definitions: [{ ...base, parent: 'missing' }] })).toThrow(
      /"missing" is not defined/,
    );
    expect(() =>
      resolvePackDefinitions({
        definitions: [
          { ...base, id: 'a', parent: 'b' },
          { ...base, id: 'b', parent: 'a' },
        ],
      }),
    ).toThrow(/inherits from itself/);
    expect(() =>
      resolvePackDefinitions({ definitions: [{ ...base, parent: null, rules: { 'INST-1': true } }] }),
    ).toThrow(/does not set rules SCOPE-1/);
  });

  it('gives every built-in pack a value for every rule', () => {
    for (const id of ['national-2015', 'national-2019', 'provincial-33-2016', 'provincial-33-2019']) {
      expect(Object.keys(getPack(id).rules).sort()).toEqual([...RULE_IDS].sort());
    }
  });
});
