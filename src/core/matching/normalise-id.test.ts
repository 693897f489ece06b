import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../ids/index.ts';
import { cleanResidentIdText, normaliseResidentId } from './normalise-id.ts';

const today = '2026-11-26';
const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17);
const ID = withCheck('11010519491231002'); // Beijing Chaoyang, born 1949-12-31, female

describe('normaliseResidentId', () => {
  it('reports an empty or blank ID as missing', () => {
    expect(normaliseResidentId('', { today })).toEqual({ kind: 'missing' });
    expect(normaliseResidentId('   ', { today })).toEqual({ kind: 'missing' });
    expect(normaliseResidentId(undefined, { today })).toEqual({ kind: 'missing' });
  });

  it('upgrades a legacy 15-digit ID to the 18-character one', () => {
    const legacy = ID.slice(0, 6) + ID.slice(8, 17);
    const out = normaliseResidentId(legacy, { today });
    expect(out).toMatchObject({
      kind: 'valid',
      id: ID,
      upgradedFrom15: true,
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('folds full-width digits, spaces and a lower-case x', () => {
    const full = ID.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(normaliseResidentId(full, { today })).toMatchObject({ kind: 'valid', id: ID });
    expect(normaliseResidentId(`${ID.slice(0, 6)} ${ID.slice(6)}`, { today })).toMatchObject({
      kind: 'valid',
      id: ID,
    });
    expect(cleanResidentIdText('1101051949123100x')).toBe('1101051949123100X');
  });

  it('treats a wrong length or an impossible birth date as malformed', () => {
    expect(normaliseResidentId('12345', { today }).kind).toBe('malformed');
    expect(normaliseResidentId(withCheck('11010519491331002'), { today }).kind).toBe('malformed');
  });

  it('lists the true ID among the repairs of one mistyped digit', () => {
    const typo = `${ID.slice(0, 15)}${ID[15] === '9' ? '8' : '9'}${ID.slice(16)}`;
    const out = normaliseResidentId(typo, { today });
    expect(out.kind).toBe('check_failed');
    if (out.kind !== 'check_failed') return;
    expect(out.repairs).toContain(ID);
    expect(out.repairs.length).toBeGreaterThan(1);
  });

  it('narrows the repairs to one with the birth date and sex written beside the ID', () => {
    const typo = `${ID.slice(0, 2)}${ID[2] === '0' ? '1' : '0'}${ID.slice(3)}`;
    const out = normaliseResidentId(typo, { today, birthDate: '1949-12-31', sex: 'female' });
    if (out.kind !== 'check_failed') throw new Error('expected a failed check');
    expect(out.consistentRepairs).toContain(ID);
    expect(out.consistentRepairs.every((r) => r.slice(6, 14) === '19491231')).toBe(true);
  });

  it('repairs a wrong check character by recomputing it', () => {
    const wrong = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    const out = normaliseResidentId(wrong, { today });
    if (out.kind !== 'check_failed') throw new Error('expected a failed check');
    expect(out.repairs).toContain(ID);
  });

  it('always finds the original among the repairs of any single-digit typo', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, shift) => {
        const digit = String((Number(ID[position]) + shift) % 10);
        const typo = ID.slice(0, position) + digit + ID.slice(position + 1);
        const out = normaliseResidentId(typo, { today });
        if (out.kind === 'malformed') return true; // the typo broke the date or region: nothing to repair
        return out.kind === 'check_failed' && out.repairs.includes(ID);
      }),
    );
  });
});
