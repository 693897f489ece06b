import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

export type TNameScript = 'han' | 'latin' | 'empty';

export type TNormalisedName = {
  script: TNameScript;
  /** Simplified Han characters without separators or spaces; empty for a name written in pinyin. */
  key: string;
  /** Pinyin without tones or spaces (`zhangsan`), the surname read as a surname; `ü` written `v`. */
  pinyin: string;
  /** For a pinyin name of two or more words, the reading with the last word first (`San Zhang`). */
  pinyinSwapped: string | null;
  /** Pinyin of the surname alone (`ouyang` for 欧阳), or the first word of a pinyin name. */
  surnamePinyin: string;
};

/**
 * Surnames that simplification would turn into another surname: 於 (Yū) is its own surname, not 于;
 * 乾 (Qián) is not 干 (Gān). At the surname position they are kept as written.
 */
const KEEP_AS_SURNAME = new Set(['於', '乾']);

/** Variant forms that simplification leaves alone but that name the same character. */
const VARIANTS: Record<string, string> = { 馀: '余', 餘: '余' };

/** Two-character surnames, so that the pinyin key reads both as surname syllables. */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 轩辕 端木 澹台 独孤 南宫 申屠 万俟 呼延 闻人 西门 东郭 百里 钟离 赫连 拓跋 完颜'.split(
    ' ',
  ),
);

/** Middle dots and their look-alikes used between the parts of minority names, and plain spaces. */
const SEPARATORS = /[\s·•・･‧∙⋅.\u00b7\u2022\u2027\u30fb\uff65\-_'’]/gu;
const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /[^\p{Script=Han}]/gu;

const twToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const hkToCn = OpenCC.Converter({ from: 'hk', to: 'cn' });

const simplifiedCache = new Map<string, string>();
const pinyinCache = new Map<string, string>();
const surnamePinyinCache = new Map<string, string>();

/** One character to simplified form. Names are runs of single characters, so no phrase context is lost. */
export function simplifyCharacter(ch: string): string {
  const out = simplifiedCache.get(ch);
  if (out === undefined) {
    let converted = VARIANTS[ch] ?? twToCn(ch);
    if (converted === ch) converted = hkToCn(ch);
    // A character that converts to more or fewer characters is not a name character to change.
    const simplified = converted.length === ch.length ? converted : ch;
    simplifiedCache.set(ch, simplified);
    return simplified;
  }
  return out;
}

function plainPinyin(text: string, asSurname: boolean): string {
  const cache = asSurname ? surnamePinyinCache : pinyinCache;
  let out = cache.get(text);
  if (out === undefined) {
    out = pinyin(text, { toneType: 'none', type: 'array', surname: asSurname ? 'head' : 'off' })
      .join('')
      .replace(/ü/g, 'v')
      .toLowerCase();
    cache.set(text, out);
  }
  return out;
}

/** Simplified Han key of a name: separators and spaces dropped, each character simplified. */
function hanKey(text: string): string {
  const chars = Array.from(text.replace(HAN_ONLY, ''));
  let key = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    key += i === 0 && KEEP_AS_SURNAME.has(ch) ? ch : simplifyCharacter(ch);
  }
  return key;
}

function surnameLength(key: string): number {
  return key.length >= 3 && COMPOUND_SURNAMES.has(key.slice(0, 2)) ? 2 : 1;
}

/**
 * Normalises a person's name as written in a post or roster: full-width forms and spacing folded
 * (NFKC), the dots between the parts of minority names dropped, traditional characters simplified
 * without turning one surname into another, and a pinyin key computed so that homophones, traditional
 * and romanised spellings (`Zhang San`, `ZHANG San`, `zhangsan`) meet.
 */
export function normaliseName(raw: string | null | undefined): TNormalisedName {
  const text = (raw ?? '').normalize('NFKC').trim();
  if (HAN.test(text)) {
    const key = hanKey(text);
    const split = surnameLength(key);
    const surname = key.slice(0, split);
    const surnamePinyin = plainPinyin(surname, true);
    let given = '';
    for (const ch of key.slice(split)) given += plainPinyin(ch, false);
    return { script: 'han', key, pinyin: surnamePinyin + given, pinyinSwapped: null, surnamePinyin };
  }
  const words = text
    .toLowerCase()
    .replace(/ü|u:/g, 'v')
    .split(SEPARATORS)
    .map((w) => w.replace(/[^a-z]/g, ''))
    .filter((w) => w !== '');
  if (words.length === 0)
    return { script: 'empty', key: '', pinyin: '', pinyinSwapped: null, surnamePinyin: '' };
  const swapped = words.length >= 2 ? [words[words.length - 1]!, ...words.slice(0, -1)].join('') : null;
  return {
    script: 'latin',
    key: '',
    pinyin: words.join(''),
    pinyinSwapped: swapped,
    surnamePinyin: words[0]!,
  };
}

/**
 * The names one edit away, as deletions: two names differ by one substituted, dropped or added
 * character exactly when one's deletions meet the other's deletions or the other's whole name.
 * Only short names take part; long minority names rely on exact and pinyin agreement.
 */
export function nameDeletions(key: string): string[] {
  const chars = Array.from(key);
  if (chars.length < 2 || chars.length > 4) return [];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) out.push(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return out;
}
