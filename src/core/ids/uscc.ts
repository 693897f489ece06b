/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet, with the GB 11714 organisation-code check at position 17 and the code's own check at 18.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type TUsccProblem =
  | 'length'
  | 'alphabet'
  | 'lowercase'
  | 'organisation_check'
  | 'check_character'
  | 'region';

export type TUsccResult =
  | {
      valid: true;
      code: string;
      /** Position 1: registration department (`5` = civil affairs). */
      department: string;
      /** Position 2: category within the department (for `5`: `1` social group). */
      category: string;
      /** Positions 3–8: GB/T 2260 region of the registrar. */
      regionCode: string;
      /** Positions 9–17: the organisation code. */
      organisationCode: string;
    }
  | { valid: false; code: string; problem: TUsccProblem; expected?: string; message: string };

/** Value of a character in the organisation code alphabet (GB 11714: digits, then A=10 … Z=35). */
function orgCodeValue(char: string): number {
  const code = char.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** The GB 11714 check character for the first 8 characters of an organisation code. */
export function organisationCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(first8[i]!) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100 check character for the first 17 characters of a USCC. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type ValidateUsccOptions = {
  /** Checks positions 3–8 against GB/T 2260; `100000` (national) is always accepted. */
  isRegionCode?: (code: string) => boolean;
};

/**
 * Full check of a USCC: length, alphabet, both check characters and, optionally, the region.
 * Lower case is refused (the alphabet is upper case); callers that upper-case input must say so.
 */
export function validateUscc(code: string, options: ValidateUsccOptions = {}): TUsccResult {
  if (code.length !== 18) {
    return { valid: false, code, problem: 'length', message: `must be 18 characters, got ${code.length}` };
  }
  for (const char of code) {
    if (!USCC_ALPHABET.includes(char)) {
      if (USCC_ALPHABET.includes(char.toUpperCase())) {
        return { valid: false, code, problem: 'lowercase', message: `'${char}' must be upper case` };
      }
      return {
        valid: false,
        code,
        problem: 'alphabet',
        message: `'${char}' is not in the USCC alphabet (0-9 and A-Y without I O Z S V)`,
      };
    }
  }
  const organisationCode = code.slice(8, 17);
  // The organisation-code check applies where positions 9–16 use its alphabet; every USCC does.
  const orgCheck = organisationCheckCharacter(organisationCode.slice(0, 8));
  if (orgCheck !== organisationCode[8]) {
    return {
      valid: false,
      code,
      problem: 'organisation_check',
      expected: orgCheck,
      message: `organisation-code check character (position 17) should be ${orgCheck}`,
    };
  }
  const check = usccCheckCharacter(code.slice(0, 17));
  if (check !== code[17]) {
    return {
      valid: false,
      code,
      problem: 'check_character',
      expected: check,
      message: `check character (position 18) should be ${check}`,
    };
  }
  const regionCode = code.slice(2, 8);
  if (options.isRegionCode && regionCode !== '100000' && !options.isRegionCode(regionCode)) {
    return { valid: false, code, problem: 'region', message: `${regionCode} is not a GB/T 2260 region code` };
  }
  return {
    valid: true,
    code,
    department: code[0]!,
    category: code[1]!,
    regionCode,
    organisationCode,
  };
}

/** Builds a valid USCC from its parts and an 8-character organisation-code body (for generators). */
export function composeUscc(
  department: string,
  category: string,
  regionCode: string,
  orgBody8: string,
): string {
  const organisationCode = orgBody8 + organisationCheckCharacter(orgBody8);
  const first17 = department + category + regionCode + organisationCode;
  return first17 + usccCheckCharacter(first17);
}
