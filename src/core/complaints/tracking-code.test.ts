import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateTrackingCode,
  parseTrackingCode,
  TRACKING_ALPHABET,
  trackingCheckCharacter,
} from './tracking-code.ts';

function sequence(values: number[]) {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

describe('tracking codes', () => {
  it('uses 31 characters without 0, 1, I, L or O', () => {
    expect(TRACKING_ALPHABET).toHaveLength(31);
    for (const c of '01ILO') expect(TRACKING_ALPHABET).not.toContain(c);
  });

  it('builds the code from the handed-in random source, with a check character', () => {
    const code = generateTrackingCode({ random: sequence([0, 1, 2, 3, 4, 5, 6, 7, 8]) });
    // Payload 23456789A; Σ (i+1)·v = 240 ≡ 23, so the check value c solves 10c ≡ 8 (mod 31): c = 7 → '9'.
    expect(code).toBe('23456-789A9');
    expect(trackingCheckCharacter('23456789A')).toBe('9');
    expect(parseTrackingCode(code)).toEqual({ valid: true, code });
  });

  it('refuses a random source that goes out of range', () => {
    expect(() => generateTrackingCode({ random: () => 31 })).toThrow(/expected a whole number from 0 to 30/);
  });

  it('accepts lower case, spaces and a missing hyphen', () => {
    const code = generateTrackingCode({ random: sequence([30, 12, 7, 0, 19, 4, 22, 9, 15]) });
    expect(parseTrackingCode(` ${code.toLowerCase().replace('-', ' ')} `)).toEqual({ valid: true, code });
  });

  it('catches every single wrong character and every swap of neighbours', () => {
    const alphabetIndex = fc.integer({ min: 0, max: 30 });
    fc.assert(
      fc.property(
        fc.array(alphabetIndex, { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 0, max: 9 }),
        alphabetIndex,
        (payload, at, replacement) => {
          const code = generateTrackingCode({ random: sequence(payload) }).replace('-', '');
          const chars = [...code];
          const wrong = TRACKING_ALPHABET[replacement] as string;
          if (chars[at] !== wrong) {
            const typo = [...chars];
            typo[at] = wrong;
            if (parseTrackingCode(typo.join('')).valid) return false;
          }
          if (at < 9 && chars[at] !== chars[at + 1]) {
            const swapped = [...chars];
            [swapped[at], swapped[at + 1]] = [swapped[at + 1] as string, swapped[at] as string];
            if (parseTrackingCode(swapped.join('')).valid) return false;
          }
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('says what is wrong with a code that cannot be one', () => {
    expect(parseTrackingCode('ABC')).toMatchObject({ valid: false, problem: 'length' });
    const withO = parseTrackingCode('23456-789AO');
    expect(withO).toMatchObject({ valid: false, problem: 'alphabet' });
    if (!withO.valid) expect(withO.zh).toContain('第 10 个字符“O”');
    expect(parseTrackingCode('23456-789AB')).toMatchObject({ valid: false, problem: 'check' });
  });
});
