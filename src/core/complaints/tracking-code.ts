/**
 * Tracking codes for complaints: 10 characters shown as `XXXXX-XXXXX`, from a 31-character alphabet
 * without 0, 1, I, L and O (which people misread and mistype), the last one a check character. With
 * weights 1…10 and a prime modulus the check catches every single wrong character and every swap of
 * two neighbours; 9 random characters give 31⁹ ≈ 2.6 × 10¹³ codes, too many to guess.
 */

export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const MODULUS = TRACKING_ALPHABET.length;
const PAYLOAD_LENGTH = 9;
/** 10 × 28 = 280 ≡ 1 (mod 31): the inverse of the check character's weight. */
const INVERSE_OF_LAST_WEIGHT = 28;

/** An integer from 0 (inclusive) to `maxExclusive` (exclusive), from a cryptographic source. */
export type TRandomSource = (maxExclusive: number) => number;

function weightedSum(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i += 1) sum += (i + 1) * TRACKING_ALPHABET.indexOf(chars[i] as string);
  return sum % MODULUS;
}

/** The check character for 9 payload characters: makes Σ (i+1)·value ≡ 0 (mod 31) over all 10. */
export function trackingCheckCharacter(payload: string): string {
  if (payload.length !== PAYLOAD_LENGTH || [...payload].some((c) => !TRACKING_ALPHABET.includes(c))) {
    throw new RangeError(`payload must be ${PAYLOAD_LENGTH} characters of ${TRACKING_ALPHABET}`);
  }
  const value = (((MODULUS - weightedSum(payload)) % MODULUS) * INVERSE_OF_LAST_WEIGHT) % MODULUS;
  return TRACKING_ALPHABET[value] as string;
}

function display(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export type GenerateTrackingCodeOptions = { random: TRandomSource };

/** A new tracking code, `XXXXX-XXXXX`, its 9 payload characters drawn from `random`. */
export function generateTrackingCode({ random }: GenerateTrackingCodeOptions): string {
  let payload = '';
  for (let i = 0; i < PAYLOAD_LENGTH; i += 1) {
    const value = random(MODULUS);
    if (!Number.isInteger(value) || value < 0 || value >= MODULUS) {
      throw new RangeError(
        `the random source returned ${value}, expected a whole number from 0 to ${MODULUS - 1}`,
      );
    }
    payload += TRACKING_ALPHABET[value];
  }
  return display(payload + trackingCheckCharacter(payload));
}

export type TTrackingCodeResult =
  | { valid: true; code: string }
  | { valid: false; problem: 'length' | 'alphabet' | 'check'; zh: string; en: string };

/**
 * Reads a tracking code as typed: case, spaces and hyphens do not matter. Returns the code in its
 * display form, or what is wrong with it.
 */
export function parseTrackingCode(input: string): TTrackingCodeResult {
  const code = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== PAYLOAD_LENGTH + 1) {
    return {
      valid: false,
      problem: 'length',
      zh: `跟踪码应为 ${PAYLOAD_LENGTH + 1} 个字符，实为 ${code.length} 个`,
      en: `A tracking code has ${PAYLOAD_LENGTH + 1} characters, this one ${code.length}`,
    };
  }
  for (const [i, c] of [...code].entries()) {
    if (!TRACKING_ALPHABET.includes(c)) {
      return {
        valid: false,
        problem: 'alphabet',
        zh: `第 ${i + 1} 个字符“${c}”不会出现在跟踪码中（跟踪码不含 0、1、I、L、O）`,
        en: `Character ${i + 1}, "${c}", is never used in tracking codes (they have no 0, 1, I, L or O)`,
      };
    }
  }
  if (weightedSum(code) !== 0) {
    return {
      valid: false,
      problem: 'check',
      zh: '跟踪码校验不通过，请核对是否抄错',
      en: 'The tracking code does not check: please compare it with the one you were given',
    };
  }
  return { valid: true, code: display(code) };
}
