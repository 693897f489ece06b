import { describe, expect, it } from 'vitest';
import { nameDeletions, normaliseName } from './normalise-name.ts';

describe('normaliseName', () => {
  it('simplifies traditional characters', () => {
    expect(normaliseName('張三').key).toBe('张三');
    expect(normaliseName('歐陽修').key).toBe('欧阳修');
    expect(normaliseName('劉德華').key).toBe('刘德华');
  });

  it('keeps the surnames 於 and 乾 rather than turning them into 于 and 干', () => {
    expect(normaliseName('於小明').key).toBe('於小明');
    expect(normaliseName('乾小明').key).toBe('乾小明');
    expect(normaliseName('于小明').key).toBe('于小明');
    // …but both 於 and 于 read yu, so the pinyin key still brings them together.
    expect(normaliseName('於小明').pinyin).toBe(normaliseName('于小明').pinyin);
  });

  it('reads 馀 and 餘 as the surname 余', () => {
    expect(normaliseName('馀华').key).toBe('余华');
    expect(normaliseName('餘華').key).toBe('余华');
  });

  it('drops full-width and ideographic spaces between surname and given name', () => {
    expect(normaliseName('张\u3000三').key).toBe('张三');
    expect(normaliseName(' 张 三 ').key).toBe('张三');
  });

  it('treats the separators of minority names alike', () => {
    const keys = [
      '阿不都·热合曼',
      '阿不都•热合曼',
      '阿不都.热合曼',
      '阿不都・热合曼',
      '阿不都热合曼',
      '阿不都．热合曼',
    ].map((n) => normaliseName(n).key);
    expect(new Set(keys)).toEqual(new Set(['阿不都热合曼']));
  });

  it('gives pinyin spellings the pinyin key of the Han name', () => {
    const han = normaliseName('张三').pinyin;
    for (const spelling of ['Zhang San', 'ZHANG San', 'zhangsan', 'ＺＨＡＮＧ　ＳＡＮ']) {
      const n = normaliseName(spelling);
      expect(n.script).toBe('latin');
      expect(n.pinyin).toBe(han);
    }
    expect(normaliseName('San Zhang').pinyinSwapped).toBe(han);
  });

  it('writes ü as v in both Han and pinyin names', () => {
    expect(normaliseName('吕布').pinyin).toBe('lvbu');
    expect(normaliseName('Lü Bu').pinyin).toBe('lvbu');
  });

  it('gives homophones the same pinyin key and different Han keys', () => {
    const a = normaliseName('王伟');
    const b = normaliseName('王玮');
    expect(a.pinyin).toBe(b.pinyin);
    expect(a.key).not.toBe(b.key);
  });

  it('reads a compound surname and a polyphonic surname as surnames', () => {
    expect(normaliseName('欧阳修').surnamePinyin).toBe('ouyang');
    expect(normaliseName('单田芳').surnamePinyin).toBe('shan');
    expect(normaliseName('曾国藩').surnamePinyin).toBe('zeng');
  });

  it('reports an empty name as empty', () => {
    expect(normaliseName('').script).toBe('empty');
    expect(normaliseName(' · ').script).toBe('empty');
  });
});

describe('nameDeletions', () => {
  it('lists each one-character deletion of a short name', () => {
    expect(nameDeletions('王小明')).toEqual(['小明', '王明', '王小']);
  });

  it('skips single characters and names longer than four', () => {
    expect(nameDeletions('王')).toEqual([]);
    expect(nameDeletions('阿不都热合曼')).toEqual([]);
  });
});
