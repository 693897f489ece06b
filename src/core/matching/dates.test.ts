import { describe, expect, it } from 'vitest';
import { dateToNumber, numberToDate, swapMonthDay } from './dates.ts';

describe('dates', () => {
  it('reads ISO dates and rejects impossible ones', () => {
    expect(dateToNumber('1985-03-07')).toBe(19850307);
    expect(dateToNumber('1985-02-30')).toBe(0);
    expect(dateToNumber('1985/03/07')).toBe(0);
    expect(dateToNumber('')).toBe(0);
    expect(numberToDate(19850307)).toBe('1985-03-07');
    expect(numberToDate(0)).toBeNull();
  });

  it('exchanges month and day only when both readings are dates and differ', () => {
    expect(swapMonthDay(19850307)).toBe(19850703);
    expect(swapMonthDay(19850313)).toBe(0);
    expect(swapMonthDay(19850303)).toBe(0);
  });
});
