import { parseResidentId } from '../../src/core/ids/resident-id.ts';
import type { Db } from '../../src/db/database.ts';

/** What the demo knows about persons, to recognise it if it ever reaches a public answer. */
export type TKnownPersons = {
  /** Full names of post holders (three characters or more: found anywhere). */
  longNames: Set<string>;
  /** Two-character names: found as a whole JSON string value or a whole line of page text. */
  shortNames: Set<string>;
  /** Birth dates of persons written as on an ID (YYYYMMDD). */
  compactBirthDates: Set<string>;
  /** Associations' own telephone numbers (never on the public record). */
  phones: Set<string>;
};

export async function loadKnownPersons(db: Db): Promise<TKnownPersons> {
  const persons = await db.query<{ name: string; birth: string | null }>(
    `SELECT name, to_char(birth_date, 'YYYYMMDD') AS birth FROM persons`,
  );
  const phones = await db.query<{ phone: string }>(
    `SELECT phone FROM associations WHERE phone IS NOT NULL AND length(phone) >= 7`,
  );
  const known: TKnownPersons = {
    longNames: new Set(),
    shortNames: new Set(),
    compactBirthDates: new Set(),
    phones: new Set(),
  };
  for (const p of persons.rows) {
    (p.name.length >= 3 ? known.longNames : known.shortNames).add(p.name);
    if (p.birth) known.compactBirthDates.add(p.birth);
  }
  for (const a of phones.rows) known.phones.add(a.phone);
  return known;
}

export type TPersonalDatum = { kind: string; value: string };

const ID18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MASKED_ID = /\d{3}\*{6,}[\dXx]{0,4}/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const BIRTH_WORDS = /birth|出生/i;

/**
 * Personal identifiers in a public answer: resident-ID-shaped numbers that the GB 11643 validator
 * accepts (18 or 15 digits), masked IDs, mobile numbers, names of post holders, their birth dates
 * as written on an ID, any field or label about birth, and association telephone numbers.
 */
export function findPersonalData(text: string, known: TKnownPersons, today: string): TPersonalDatum[] {
  const found: TPersonalDatum[] = [];
  for (const pattern of [ID18, ID15]) {
    for (const m of text.matchAll(pattern)) {
      if (parseResidentId(m[0], { today }).valid) found.push({ kind: 'resident_id', value: m[0] });
    }
  }
  for (const m of text.matchAll(MASKED_ID)) found.push({ kind: 'masked_id', value: m[0] });
  for (const m of text.matchAll(MOBILE)) found.push({ kind: 'mobile', value: m[0] });
  if (BIRTH_WORDS.test(text)) found.push({ kind: 'birth_field', value: BIRTH_WORDS.exec(text)![0] });
  for (const d of text.matchAll(/(?<!\d)(19|20)\d{6}(?!\d)/g)) {
    if (known.compactBirthDates.has(d[0])) found.push({ kind: 'birth_date', value: d[0] });
  }
  for (const name of known.longNames) if (text.includes(name)) found.push({ kind: 'name', value: name });
  for (const m of text.matchAll(/"([^"\\]{2})"|^(\S{2})$/gm)) {
    const value = m[1] ?? m[2]!;
    if (known.shortNames.has(value)) found.push({ kind: 'name', value });
  }
  for (const phone of known.phones) if (text.includes(phone)) found.push({ kind: 'phone', value: phone });
  return found;
}
