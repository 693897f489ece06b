/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings. ISO dates compare correctly as strings, so rules
 * compare them with `<` / `>=` and only convert to day numbers when they add days.
 *
 * Periods counted in years or months follow the Civil Code (民法典 第二百零二条): the period ends on the
 * corresponding day of the final month, and where that month has no such day (29 February in a
 * common year, 31 in a 30-day month) on that month's last day.
 */

export type TDate = string;

/** Digits of a fixed-width field, read without allocating substrings. */
function digits(date: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) value = value * 10 + (date.charCodeAt(i) - 48);
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic, no Date objects). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function format(year: number, month: number, day: number): TDate {
  const y = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/** Days since 1970-01-01 of an ISO date. */
export function toDayNumber(date: TDate): number {
  return daysFromCivil(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10));
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): TDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** True for a well-formed, existing calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(digits(value, 0, 4), month);
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: TDate, days: number): TDate {
  return fromDayNumber(toDayNumber(date) + days);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] ?? 31;
}

/** `date` plus `months` months, clamped to the month's last day (Civil Code art. 202). */
export function addMonths(date: TDate, months: number): TDate {
  const total = digits(date, 0, 4) * 12 + (digits(date, 5, 7) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return format(year, month, Math.min(digits(date, 8, 10), daysInMonth(year, month)));
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
  return digits(date, 0, 4);
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
