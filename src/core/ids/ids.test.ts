import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeUscc,
  isRegionCode,
  maskResidentId,
  parseResidentId,
  regionName,
  regionStatus,
  residentIdCheckCharacter,
  USCC_ALPHABET,
  upgradeResidentId15,
  validateUscc,
} from './index.ts';

type TVectors = {
  uscc: { code: string; valid: boolean; note: string }[];
  resident_id: { id: string; valid: boolean; sex?: string; birth?: string; note?: string }[];
  resident_id_upgrade_15_to_18: { from: string; to: string }[];
};
const vectors = JSON.parse(
  readFileSync(new URL('../../../../shared/data/test-vectors.json', import.meta.url), 'utf8'),
) as TVectors;
const TODAY = '2026-11-26';

describe('USCC (GB 32100)', () => {
  it.each(vectors.uscc)('$code is valid=$valid ($note)', ({ code, valid }) => {
    expect(validateUscc(code, { isRegionCode }).valid).toBe(valid);
  });

  it('names the expected check character', () => {
    const result = validateUscc('53100000500020462H');
    expect(result).toMatchObject({ valid: false, problem: 'check_character', expected: 'K' });
  });

  it('says lower case must be upper case', () => {
    expect(validateUscc('51100000500009247d')).toMatchObject({ valid: false, problem: 'lowercase' });
  });

  it('refuses a region code that does not exist', () => {
    const code = composeUscc('5', '1', '999999', 'MJ000001');
    expect(validateUscc(code).valid).toBe(true);
    expect(validateUscc(code, { isRegionCode })).toMatchObject({ valid: false, problem: 'region' });
  });

  const body = fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), {
    minLength: 8,
    maxLength: 8,
  });

  it('accepts every composed code (property)', () => {
    fc.assert(
      fc.property(body, (chars) => {
        const code = composeUscc('5', '1', '110000', chars.join(''));
        const result = validateUscc(code);
        return result.valid || (result.problem === 'alphabet' && /[IOZSV]/.test(code));
      }),
    );
  });

  it('detects any single changed character (property)', () => {
    fc.assert(
      fc.property(
        body,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (chars, position, shift) => {
          const code = composeUscc('5', '1', '110000', chars.join(''));
          if (!validateUscc(code).valid) return true;
          const original = USCC_ALPHABET.indexOf(code[position]!);
          const replaced = USCC_ALPHABET[(original + shift) % 31]!;
          const changed = code.slice(0, position) + replaced + code.slice(position + 1);
          return !validateUscc(changed).valid;
        },
      ),
    );
  });
});

describe('resident ID (GB 11643)', () => {
  it.each(vectors.resident_id)('$id is valid=$valid', ({ id, valid, sex, birth }) => {
    const result = parseResidentId(id, { today: TODAY });
    expect(result.valid).toBe(valid);
    if (result.valid) {
      expect(result.sex).toBe(sex);
      expect(result.birthDate).toBe(birth);
    }
  });

  it.each(vectors.resident_id_upgrade_15_to_18)('upgrades $from to $to', ({ from, to }) => {
    expect(upgradeResidentId15(from)).toBe(to);
    expect(parseResidentId(from, { today: TODAY })).toMatchObject({
      valid: true,
      id: to,
      upgradedFrom15: true,
    });
  });

  it('explains each kind of problem', () => {
    expect(parseResidentId('340524198001010013', { today: TODAY })).toMatchObject({
      problem: 'check_character',
      expected: 'X',
    });
    expect(parseResidentId('110105194913310021', { today: TODAY })).toMatchObject({ problem: 'date' });
    expect(parseResidentId('999999198001010011', { today: TODAY })).toMatchObject({ problem: 'region' });
    expect(parseResidentId('11010520300101001X', { today: TODAY })).toMatchObject({ problem: 'future_date' });
    expect(parseResidentId('1101051949', { today: TODAY })).toMatchObject({ problem: 'format' });
  });

  it('accepts a lower-case x check character and normalises it', () => {
    expect(parseResidentId('11010519491231002x', { today: TODAY })).toMatchObject({
      valid: true,
      id: '11010519491231002X',
    });
  });

  const validIds = fc
    .record({
      region: fc.constantFrom('110105', '310101', '440305', '510104', '650102'),
      date: fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2025-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ region, date, seq }) => {
      const first17 = `${region}${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      return first17 + residentIdCheckCharacter(first17);
    });

  it('round-trips generated IDs and their birth dates (property)', () => {
    fc.assert(
      fc.property(validIds, (id) => {
        const result = parseResidentId(id, { today: TODAY });
        return result.valid && result.birthDate.replaceAll('-', '') === id.slice(6, 14);
      }),
    );
  });

  it('detects any single mistyped digit in the first 17 (property)', () => {
    fc.assert(
      fc.property(
        validIds,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, position, shift) => {
          const digit = (Number(id[position]) + shift) % 10;
          const changed = id.slice(0, position) + digit + id.slice(position + 1);
          return !parseResidentId(changed, { today: TODAY }).valid;
        },
      ),
    );
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => typeof parseResidentId(s, { today: TODAY }).valid === 'boolean'),
    );
  });

  it('masks all but the first three and last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
  });
});

describe('GB/T 2260 regions', () => {
  it('knows current, former, historical and unknown codes', () => {
    expect(regionStatus('110105')).toBe('current');
    expect(regionName('110105')).toBe('北京市 朝阳区');
    expect(regionStatus('440524')).toBe('historical');
    expect(regionStatus('999999')).toBe('unknown');
    expect(regionStatus('11010')).toBe('unknown');
  });
});
