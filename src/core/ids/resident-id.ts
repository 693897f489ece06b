import type { TIsoDate } from '../registry/types.ts';
import { regionStatus, type TRegionStatus } from './regions.ts';

/**
 * Resident identity number (公民身份号码), GB 11643-1999: 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character. Legacy 15-digit numbers have a
 * 2-digit year (19xx) and no check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Upgrades a legacy 15-digit number to 18: `19` before the year, and a computed check character. */
export function upgradeResidentId15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new Error(`not a 15-digit resident ID: ${id15.length} characters`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + residentIdCheckCharacter(first17);
}

export type TResidentIdProblem = 'format' | 'check_character' | 'date' | 'future_date' | 'region';

export type TResidentIdResult =
  | {
      valid: true;
      /** The normalised 18-character number (upgraded from 15 where needed, `x` upper-cased). */
      id: string;
      birthDate: TIsoDate;
      sex: 'male' | 'female';
      regionCode: string;
      regionStatus: TRegionStatus;
      upgradedFrom15: boolean;
    }
  | { valid: false; id: string; problem: TResidentIdProblem; expected?: string; message: string };

export type ParseResidentIdOptions = {
  /** The date the check is made on; birth dates after it are refused. */
  today: TIsoDate;
};

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Validates and normalises a resident ID: format, check character, a real birth date not after
 * `today` and not before 1800, and a region code (current, former or a plausible historical one).
 */
export function parseResidentId(raw: string, { today }: ParseResidentIdOptions): TResidentIdResult {
  const input = raw.trim();
  let id: string;
  let upgradedFrom15 = false;
  if (/^\d{15}$/.test(input)) {
    id = upgradeResidentId15(input);
    upgradedFrom15 = true;
  } else if (/^\d{17}[\dXx]$/.test(input)) {
    id = input.toUpperCase();
    const expected = residentIdCheckCharacter(id.slice(0, 17));
    if (expected !== id[17]) {
      return {
        valid: false,
        id,
        problem: 'check_character',
        expected,
        message: `check character should be ${expected}`,
      };
    }
  } else {
    return {
      valid: false,
      id: input,
      problem: 'format',
      message: 'expected 18 characters (17 digits and a digit or X) or a legacy 15-digit number',
    };
  }
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1800 || !isRealDate(year, month, day)) {
    return { valid: false, id, problem: 'date', message: `${id.slice(6, 14)} is not a real birth date` };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) {
    return { valid: false, id, problem: 'future_date', message: `birth date ${birthDate} is in the future` };
  }
  const regionCode = id.slice(0, 6);
  const status = regionStatus(regionCode);
  if (status === 'unknown') {
    return { valid: false, id, problem: 'region', message: `${regionCode} is not a GB/T 2260 region code` };
  }
  return {
    valid: true,
    id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode,
    regionStatus: status,
    upgradedFrom15,
  };
}

/** Masks a resident ID for display to those who may not open it: region and check kept, rest hidden. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 3)}***********${id.slice(-4)}`;
}
