import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  addYears,
  createWorkingDayCalendar,
  fromDayNumber,
  holdsOn,
  isIsoDate,
  toDayNumber,
  wholeYearsBetween,
} from './dates.ts';
import { TEST_CALENDAR } from './test-support.ts';

describe('calendar arithmetic', () => {
  it('round-trips day numbers for any date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -25_000, max: 50_000 }),
        (day) => toDayNumber(fromDayNumber(day)) === day,
      ),
    );
  });

  it('clamps to the last day of a shorter month (Civil Code art. 202)', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addYears('1956-02-29', 70)).toBe('2026-02-28');
    expect(addYears('1956-02-29', 68)).toBe('2024-02-29');
    expect(addYears('2025-03-01', -3)).toBe('2022-03-01');
  });

  it('computes ages in whole years', () => {
    expect(wholeYearsBetween('1955-07-01', '2025-06-30')).toBe(69);
    expect(wholeYearsBetween('1955-07-01', '2025-07-01')).toBe(70);
  });

  it('adds days across years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('validates ISO dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('treats the end date of a relation as the first day it no longer holds', () => {
    expect(holdsOn('2020-01-01', '2025-07-01', '2025-06-30')).toBe(true);
    expect(holdsOn('2020-01-01', '2025-07-01', '2025-07-01')).toBe(false);
    expect(holdsOn('2020-01-01', null, '2019-12-31')).toBe(false);
    expect(holdsOn(null, null, '1900-01-01')).toBe(true);
  });
});

describe('working days', () => {
  it('counts a swapped working Sunday and skips the Labour Day holiday', () => {
    // Friday 2025-04-25: Sun 27 (swapped working day), Mon 28, Tue 29, Wed 30, then 1–5 May off, Tue 6 May.
    expect(addWorkingDays(TEST_CALENDAR, '2025-04-25', 5)).toBe('2025-05-06');
  });

  it('without holidays counts Monday to Friday only', () => {
    const plain = createWorkingDayCalendar({ id: 'plain', holidays: [] });
    expect(addWorkingDays(plain, '2025-04-25', 5)).toBe('2025-05-02');
    expect(plain.isWorkingDay('2025-04-26')).toBe(false);
    expect(plain.isWorkingDay('2025-04-28')).toBe(true);
  });
});

describe('integer date arithmetic', () => {
  it('agrees with the platform calendar on every day from 1600 to 2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: -135_000, max: 157_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        return fromDayNumber(day) === iso && toDayNumber(iso) === day && isIsoDate(iso);
      }),
      { numRuns: 5000 },
    );
  });
});
