import { describe, expect, it } from 'vitest';
import { upgradeResidentId15 } from '../../src/core/ids/index.ts';
import { normaliseResidentId } from '../../src/core/matching/normalise-id.ts';
import { normaliseName } from '../../src/core/matching/normalise-name.ts';
import {
  composeResidentId,
  droppedCharName,
  extraCharName,
  homophoneName,
  legacyId,
  lookAlikeName,
  minoritySeparatorName,
  mistypedId,
  pinyinName,
  spacedName,
  swappedBirthDate,
  traditionalName,
} from './corrupt.ts';
import { createRandom } from './prng.ts';

const today = '2026-11-26';
const random = () => createRandom(7);
const ID = composeResidentId('110105', '1970-03-07', 13);

describe('name corruptions', () => {
  it('writes traditional characters but keeps the surnames 于 and 余', () => {
    expect(traditionalName('张国华', 1)).toBe('張國華');
    expect(traditionalName('于国华', 1)).toBe('于國華');
    expect(traditionalName('余国华', 1)).toBe('余國華');
    expect(normaliseName(traditionalName('张国华', 1)).key).toBe('张国华');
  });

  it('spells the name in pinyin in the four ways files do, all with the Han pinyin key', () => {
    const r = random();
    const spellings = new Set(Array.from({ length: 40 }, () => pinyinName('张晓明', 1, r)));
    expect(spellings).toEqual(
      new Set(['Zhang Xiaoming', 'ZHANG Xiaoming', 'zhangxiaoming', 'Xiaoming Zhang']),
    );
    for (const s of spellings) {
      const n = normaliseName(s);
      expect([n.pinyin, n.pinyinSwapped]).toContain('zhangxiaoming');
    }
  });

  it('replaces a given-name character by a homophone: same reading, other characters', () => {
    const out = homophoneName('王伟', 1, random())!;
    expect(out).not.toBe('王伟');
    expect(out[0]).toBe('王');
    expect(normaliseName(out).pinyin).toBe(normaliseName('王伟').pinyin);
    expect(homophoneName('王', 1, random())).toBeNull();
  });

  it('replaces a given-name character by a look-alike', () => {
    const out = lookAlikeName('李明', 1, random())!;
    expect(out).toBe('李朋');
    expect(lookAlikeName('李', 1, random())).toBeNull();
  });

  it('drops one given-name character from names of three or more', () => {
    const out = droppedCharName('王小明', 1, random())!;
    expect(out).toHaveLength(2);
    expect(out[0]).toBe('王');
    expect(droppedCharName('王明', 1, random())).toBeNull();
  });

  it('adds one given-name character', () => {
    const out = extraCharName('李娜', 1, random());
    expect(Array.from(out)).toHaveLength(3);
    expect(out[0]).toBe('李');
  });

  it('adds spacing that normalisation removes again', () => {
    const r = random();
    for (let i = 0; i < 10; i++) expect(normaliseName(spacedName('张三', 1, r)).key).toBe('张三');
  });

  it('writes the middle dot of a minority name another way, which normalisation folds back', () => {
    const r = random();
    for (let i = 0; i < 10; i++) {
      expect(normaliseName(minoritySeparatorName('阿不都·热合曼', r)).key).toBe('阿不都热合曼');
    }
  });
});

describe('identifier and date corruptions', () => {
  it('shortens an ID to the legacy 15 digits, which upgrade back to it', () => {
    const legacy = legacyId(ID)!;
    expect(legacy).toHaveLength(15);
    expect(upgradeResidentId15(legacy)).toBe(ID);
    expect(legacyId(composeResidentId('110105', '2001-03-07', 13))).toBeNull();
  });

  it('mistypes exactly one character, which the check character catches and a repair recovers', () => {
    const r = random();
    for (let i = 0; i < 30; i++) {
      const typo = mistypedId(ID, r);
      expect([...typo].filter((c, k) => c !== ID[k])).toHaveLength(1);
      const out = normaliseResidentId(typo, { today });
      expect(out.kind === 'malformed' || (out.kind === 'check_failed' && out.repairs.includes(ID))).toBe(
        true,
      );
    }
  });

  it('exchanges month and day only when the result is another date', () => {
    expect(swappedBirthDate('1970-03-07')).toBe('1970-07-03');
    expect(swappedBirthDate('1970-03-17')).toBeNull();
    expect(swappedBirthDate('1970-03-03')).toBeNull();
  });

  it('composes valid IDs with odd sequences for men', () => {
    expect(normaliseResidentId(ID, { today })).toMatchObject({
      kind: 'valid',
      sex: 'male',
      birthDate: '1970-03-07',
    });
  });
});
