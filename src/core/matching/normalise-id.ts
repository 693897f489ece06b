import { parseResidentId, residentIdCheckCharacter } from '../ids/index.ts';
import type { TIsoDate } from '../registry/types.ts';

export type TNormalisedId =
  | { kind: 'missing' }
  /** Not a resident ID at all (wrong length, letters, impossible date or region). */
  | { kind: 'malformed' }
  | {
      kind: 'valid';
      /** 18 characters, upgraded from 15 where needed, `x` upper-cased. */
      id: string;
      birthDate: TIsoDate;
      sex: 'male' | 'female';
      upgradedFrom15: boolean;
    }
  | {
      /** Right shape but the check character fails: one character is wrong somewhere. */
      kind: 'check_failed';
      id: string;
      /** Every ID one character away that passes all checks (real date, known region). */
      repairs: string[];
      /** Those of `repairs` that also agree with the birth date and sex written beside the ID. */
      consistentRepairs: string[];
    };

export type NormaliseResidentIdOptions = {
  /** The date the check is made on; later birth dates are impossible. */
  today: TIsoDate;
  /** The birth date the record states beside the ID, used to rule out repairs. */
  birthDate?: TIsoDate | null;
  sex?: 'male' | 'female' | null;
};

const SEPARATORS = /[\s\-_.·]/g;

/** Full-width digits and `Ｘ` to ASCII, spaces and dashes removed, `x` upper-cased. */
export function cleanResidentIdText(raw: string): string {
  return raw.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
}

/**
 * Normalises a resident ID as written in a post or roster file. A legacy 15-digit number is upgraded
 * to 18. When the check character fails, the single-character repairs are listed (every position,
 * every digit, and the check character itself) that give a real date and a known region, and apart
 * those that also agree with the birth date and sex written beside the ID; the caller accepts a
 * repair only when it is unambiguous.
 */
export function normaliseResidentId(
  raw: string | null | undefined,
  { today, birthDate, sex }: NormaliseResidentIdOptions,
): TNormalisedId {
  if (raw == null) return { kind: 'missing' };
  const text = cleanResidentIdText(raw);
  if (text === '') return { kind: 'missing' };
  const parsed = parseResidentId(text, { today });
  if (parsed.valid) {
    return {
      kind: 'valid',
      id: parsed.id,
      birthDate: parsed.birthDate,
      sex: parsed.sex,
      upgradedFrom15: parsed.upgradedFrom15,
    };
  }
  if (parsed.problem !== 'check_character') return { kind: 'malformed' };
  const repairs: string[] = [];
  const consistentRepairs: string[] = [];
  for (const candidate of listRepairs(parsed.id)) {
    const p = parseResidentId(candidate, { today });
    if (!p.valid || p.regionStatus === 'unknown') continue;
    repairs.push(p.id);
    if ((!birthDate || p.birthDate === birthDate) && (!sex || p.sex === sex)) consistentRepairs.push(p.id);
  }
  return { kind: 'check_failed', id: parsed.id, repairs, consistentRepairs };
}

/** Every string one character from `id` whose check character fits (before any other check). */
function listRepairs(id: string): string[] {
  const out: string[] = [];
  const consider = (candidate: string) => out.push(candidate);
  const check = id[17]!;
  for (let position = 0; position < 17; position++) {
    const original = id[position]!;
    for (let digit = 0; digit <= 9; digit++) {
      const d = String(digit);
      if (d === original) continue;
      const first17 = id.slice(0, position) + d + id.slice(position + 1, 17);
      // MOD 11-2 fixes the check character, so at most one digit per position can fit it.
      if (residentIdCheckCharacter(first17) === check) consider(first17 + check);
    }
  }
  consider(id.slice(0, 17) + residentIdCheckCharacter(id.slice(0, 17)));
  return out;
}
