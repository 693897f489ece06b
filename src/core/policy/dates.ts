/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings. ISO dates compare correctly as strings, so rules
 * compare them with `<` / `>=` and only convert to day numbers when they add days.
 *
 * Periods counted in years or months follow the Civil Code (民法典 第二百零二条): the period ends on the
 * corresponding day of the final month, and where that month has no such day (29 February in a
 * common year, 31 in a 30-day month) on that month's last day.
 */

export type TDate = string;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function toDayNumber(date: TDate): number {
  return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS);
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): TDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** True for a well-formed, existing calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromDayNumber(toDayNumber(value)) === value;
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: TDate, days: number): TDate {
  return fromDayNumber(toDayNumber(date) + days);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `date` plus `months` months, clamped to the month's last day (Civil Code art. 202). */
export function addMonths(date: TDate, months: number): TDate {
  const total = +date.slice(0, 4) * 12 + (+date.slice(5, 7) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(+date.slice(8, 10), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `date` plus `years` years; 29 February becomes 28 February in a common year (Civil Code art. 202). */
export function addYears(date: TDate, years: number): TDate {
  return addMonths(date, years * 12);
}

/** The later of two dates. */
export function maxDate(a: TDate, b: TDate): TDate {
  return a > b ? a : b;
}

/** The calendar year of a date. */
export function yearOf(date: TDate): number {
  return +date.slice(0, 4);
}

/** Whole years from `from` to `to` (age on `to` of someone born on `from`). */
export function wholeYearsBetween(from: TDate, to: TDate): number {
  let years = yearOf(to) - yearOf(from);
  if (addYears(from, years) > to) years -= 1;
  return years;
}

/** True when a relation that started on `startedOn` and ended on `endedOn` (exclusive) holds on `day`. */
export function holdsOn(startedOn: TDate | null, endedOn: TDate | null, day: TDate): boolean {
  return (startedOn === null || startedOn <= day) && (endedOn === null || endedOn > day);
}

/**
 * Which days are working days. The official calendar (public holidays and the weekend days swapped
 * into working days, 调休) is published each year by the State Council, so it is an input, never a
 * guess of the engine.
 */
export type TWorkingDayCalendar = {
  /** Identifies the calendar in findings, e.g. `cn-2025-2026`. */
  id: string;
  isWorkingDay(date: TDate): boolean;
};

export type CreateWorkingDayCalendarOptions = {
  id: string;
  /** Days off that would otherwise be working days (public holidays). */
  holidays: readonly TDate[];
  /** Saturdays and Sundays that are working days (调休上班). */
  workingWeekendDays?: readonly TDate[];
};

/** A Monday-to-Friday calendar corrected by the published holidays and swapped working days. */
export function createWorkingDayCalendar({
  id,
  holidays,
  workingWeekendDays = [],
}: CreateWorkingDayCalendarOptions): TWorkingDayCalendar {
  const off = new Set(holidays);
  const on = new Set(workingWeekendDays);
  return {
    id,
    isWorkingDay(date) {
      if (on.has(date)) return true;
      if (off.has(date)) return false;
      // 1970-01-01 was a Thursday: day 0 → weekday 4 (0 = Sunday).
      const weekday = (((toDayNumber(date) + 4) % 7) + 7) % 7;
      return weekday !== 0 && weekday !== 6;
    },
  };
}

/**
 * The date by which something due "within `n` working days" of `date` must be done: counting starts
 * the next day, so the result is the n-th working day after `date`.
 */
export function addWorkingDays(calendar: TWorkingDayCalendar, date: TDate, n: number): TDate {
  let day = toDayNumber(date);
  let left = n;
  while (left > 0) {
    day += 1;
    if (calendar.isWorkingDay(fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
}
