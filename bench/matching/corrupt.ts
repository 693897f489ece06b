import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { residentIdCheckCharacter } from '../../src/core/ids/index.ts';
import { NAME_CHARACTERS } from './population.ts';
import type { TRandom } from './prng.ts';

/**
 * The ways a post record goes wrong between a person and the file, each a pure function of the value
 * and the generator, so the truth file can say which corruption every record received.
 */

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
/** Surnames traditional writing keeps as they are (a naive converter would turn 于 into 於). */
const SURNAMES_KEPT = new Set(['于', '余', '於', '乾']);

/** The name in traditional characters, as a Hong Kong, Macao or Taiwan record would write it. */
export function traditionalName(name: string, surnameLength: number): string {
  const surname = name.slice(0, surnameLength);
  const head = SURNAMES_KEPT.has(surname) ? surname : toTraditional(surname);
  return head + toTraditional(name.slice(surnameLength));
}

/** The name in pinyin, in one of the spellings seen in files: `Zhang Xiaoming`, `ZHANG Xiaoming`, `zhangxiaoming`, `Xiaoming Zhang`. */
export function pinyinName(name: string, surnameLength: number, random: TRandom): string {
  const read = (text: string, asSurname: boolean) =>
    pinyin(text, { toneType: 'none', type: 'array', surname: asSurname ? 'head' : 'off', v: false })
      .join('')
      .replace(/ü/g, 'v');
  const surname = read(name.slice(0, surnameLength), true);
  const given = read(name.slice(surnameLength), false);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  switch (random.int(4)) {
    case 0:
      return `${cap(surname)} ${cap(given)}`;
    case 1:
      return `${surname.toUpperCase()} ${cap(given)}`;
    case 2:
      return surname + given;
    default:
      return `${cap(given)} ${cap(surname)}`;
  }
}

let homophones: Map<string, string[]> | undefined;

/** Characters of the name lists grouped by toneless reading: 伟/玮/炜/薇 … */
function homophoneTable(): Map<string, string[]> {
  if (homophones) return homophones;
  const byReading = new Map<string, string[]>();
  for (const ch of NAME_CHARACTERS) {
    const reading = pinyin(ch, { toneType: 'none' });
    byReading.set(reading, [...(byReading.get(reading) ?? []), ch]);
  }
  homophones = new Map();
  for (const ch of NAME_CHARACTERS) {
    const same = byReading.get(pinyin(ch, { toneType: 'none' }))!.filter((c) => c !== ch);
    if (same.length > 0) homophones.set(ch, same);
  }
  return homophones;
}

/** One given-name character replaced by another that reads the same; null when none has a homophone. */
export function homophoneName(name: string, surnameLength: number, random: TRandom): string | null {
  const table = homophoneTable();
  const chars = Array.from(name);
  const positions = chars.map((_, i) => i).filter((i) => i >= surnameLength && table.has(chars[i]!));
  if (positions.length === 0) return null;
  const i = random.pick(positions);
  chars[i] = random.pick(table.get(chars[i]!)!);
  return chars.join('');
}

/** Pairs of characters that are easy to misread or mistype by shape. */
const LOOK_ALIKE = new Map<string, string>(
  [
    '王玉',
    '明朋',
    '刚钢',
    '建健',
    '军车',
    '娟涓',
    '佳住',
    '浩洁',
    '波泼',
    '辉挥',
    '峰锋',
    '宇字',
    '春泰',
    '芳苦',
    '超起',
    '晓哓',
    '玲铃',
    '琳淋',
    '婷停',
    '伟纬',
    '鹏棚',
    '丽厕',
    '飞乙',
    '林材',
    '杰杏',
    '敏繁',
    '静睁',
    '燕蒸',
    '斌赋',
    '强蚀',
    '华毕',
  ].flatMap(([a, b]) => [
    [a!, b!],
    [b!, a!],
  ]),
);

/** One given-name character replaced by one of similar shape; null when the name has none. */
export function lookAlikeName(name: string, surnameLength: number, random: TRandom): string | null {
  const chars = Array.from(name);
  const positions = chars.map((_, i) => i).filter((i) => i >= surnameLength && LOOK_ALIKE.has(chars[i]!));
  if (positions.length === 0) return null;
  const i = random.pick(positions);
  chars[i] = LOOK_ALIKE.get(chars[i]!)!;
  return chars.join('');
}

/** One given-name character dropped (a three-character name becomes two); null for shorter names. */
export function droppedCharName(name: string, surnameLength: number, random: TRandom): string | null {
  const chars = Array.from(name);
  if (chars.length - surnameLength < 2) return null;
  chars.splice(surnameLength + random.int(chars.length - surnameLength), 1);
  return chars.join('');
}

/** A given-name character added (李娜 becomes 李娜娜 or 李晓娜). */
export function extraCharName(name: string, surnameLength: number, random: TRandom): string {
  const chars = Array.from(name);
  const at = surnameLength + random.int(chars.length - surnameLength + 1);
  chars.splice(at, 0, random.pick(NAME_CHARACTERS.filter((c) => c.length === 1)));
  return chars.join('');
}

/** Full-width or ideographic spacing and stray spaces, as typed with a Chinese input method. */
export function spacedName(name: string, surnameLength: number, random: TRandom): string {
  switch (random.int(3)) {
    case 0:
      return `${name.slice(0, surnameLength)}\u3000${name.slice(surnameLength)}`;
    case 1:
      return ` ${name.slice(0, surnameLength)} ${name.slice(surnameLength)} `;
    default:
      return name.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
}

const SEPARATOR_VARIANTS = ['•', '.', '・', ' ', '', '．'];

/** The middle dot of a minority name written another way, or dropped. */
export function minoritySeparatorName(name: string, random: TRandom): string {
  return name.replace('·', random.pick(SEPARATOR_VARIANTS));
}

/** The 18-character ID as a legacy 15-digit one (born 1900–1999 only); null otherwise. */
export function legacyId(id18: string): string | null {
  if (id18.slice(6, 8) !== '19') return null;
  return id18.slice(0, 6) + id18.slice(8, 17);
}

/** One character of the ID typed wrong: a digit of the first 17 (mostly) or the check character. */
export function mistypedId(id18: string, random: TRandom): string {
  const position = random.chance(0.9) ? random.int(17) : 17;
  const chars = id18.split('');
  const alphabet = position === 17 ? '0123456789X' : '0123456789';
  let replacement = chars[position]!;
  while (replacement === chars[position]) replacement = random.pick(alphabet.split(''));
  chars[position] = replacement;
  return chars.join('');
}

/** The date with month and day exchanged, when that is another real date; null otherwise. */
export function swappedBirthDate(date: string): string | null {
  const [y, m, d] = date.split('-');
  if (!y || !m || !d || m === d || Number(d) > 12) return null;
  return `${y}-${d}-${m}`;
}

/** A valid 18-character ID from its parts. */
export function composeResidentId(region: string, birthDate: string, sequence: number): string {
  const first17 = region + birthDate.replace(/-/g, '') + String(sequence).padStart(3, '0');
  return first17 + residentIdCheckCharacter(first17);
}
