import { describe, expect, it } from 'vitest';
import { addDays, createWorkingDayCalendar } from '../policy/dates.ts';
import { TEST_CALENDAR } from '../policy/test-support.ts';
import { officialCalendar, workingDays } from './working-days.ts';

const official = officialCalendar();
const mondayToFriday = createWorkingDayCalendar({ id: 'mon-fri', holidays: [] });

describe('official working-day calendar', () => {
  it('treats National Day week as days off and the swapped Saturday as a working day', () => {
    expect(workingDays.isWorkingDay(official, '2025-09-30')).toBe(true);
    expect(workingDays.isWorkingDay(official, '2025-10-01')).toBe(false);
    expect(workingDays.isWorkingDay(official, '2025-10-08')).toBe(false);
    expect(workingDays.isWorkingDay(official, '2025-09-28')).toBe(true);
    expect(workingDays.isWorkingDay(official, '2025-10-11')).toBe(true);
    expect(workingDays.isWorkingDay(official, '2025-10-12')).toBe(false);
  });

  it('counts 5 working days from 2025-09-30 to 2025-10-14 across National Day', () => {
    expect(workingDays.add(official, '2025-09-30', 5)).toEqual({ date: '2025-10-14', provisional: false });
    expect(workingDays.add(mondayToFriday, '2025-09-30', 5).date).toBe('2025-10-07');
  });

  it('counts the Spring Festival swapped Saturday 2026-02-14 as a working day', () => {
    expect(workingDays.add(official, '2026-02-13', 1).date).toBe('2026-02-14');
    expect(workingDays.add(official, '2026-02-13', 5).date).toBe('2026-02-27');
  });

  it('counts working days between two dates, the first day excluded', () => {
    expect(workingDays.countBetween(official, '2025-09-30', '2025-10-14')).toBe(5);
    expect(workingDays.countBetween(official, '2025-10-01', '2025-10-08')).toBe(0);
    expect(workingDays.countBetween(official, '2025-10-14', '2025-09-30')).toBe(0);
  });

  it('names the years its data covers and marks a deadline that crosses an unpublished year provisional', () => {
    expect(official.id).toMatch(/^cn-official-2004-20\d\d$/);
    expect(official.covers('2025-06-01')).toBe(true);
    expect(official.covers('2099-06-01')).toBe(false);
    expect(workingDays.add(official, '2099-12-28', 5).provisional).toBe(true);
  });

  it('gives the same dates whatever the time zone of the machine', () => {
    // The data tables are read directly, so no Date object and no local time is involved.
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(workingDays.add(official, '2025-09-30', 5).date).toBe('2025-10-14');
    } finally {
      process.env.TZ = before;
    }
  });

  it('agrees on every day of 2025 with the calendar typed in from the State Council notice', () => {
    for (let day = 0; day < 365; day += 1) {
      const date = addDays('2025-01-01', day);
      expect([date, official.isWorkingDay(date)]).toEqual([date, TEST_CALENDAR.isWorkingDay(date)]);
    }
  });

  it('refuses a negative or fractional number of working days', () => {
    expect(() => workingDays.add(official, '2025-01-01', -1)).toThrow(/whole number/);
    expect(() => workingDays.add(official, '2025-01-01', 1.5)).toThrow(/whole number/);
  });
});
