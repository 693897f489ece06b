import type { TIsoDate } from '../core/registry/types.ts';

/** Calendar arithmetic on ISO dates in UTC, for the generator. */

const DAY = 86_400_000;

function parse(date: TIsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function format(time: number): TIsoDate {
  return new Date(time).toISOString().slice(0, 10);
}

/** The date `days` days later (earlier when negative). */
export function addDays(date: TIsoDate, days: number): TIsoDate {
  return format(parse(date) + days * DAY);
}

/** Same month and day `years` later; 29 February becomes 1 March in a common year. */
export function addYears(date: TIsoDate, years: number): TIsoDate {
  const d = new Date(parse(date));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return format(d.getTime());
}

/** Same day `months` later; a day the month lacks rolls into the next month. */
export function addMonths(date: TIsoDate, months: number): TIsoDate {
  const d = new Date(parse(date));
  d.setUTCMonth(d.getUTCMonth() + months);
  return format(d.getTime());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: TIsoDate, to: TIsoDate): number {
  return Math.round((parse(to) - parse(from)) / DAY);
}

/** A uniformly drawn date in [from, to]. */
export function dateBetween(next: () => number, from: TIsoDate, to: TIsoDate): TIsoDate {
  const span = daysBetween(from, to);
  return addDays(from, Math.floor(next() * (span + 1)));
}

/** Completed years of age on `on` (a birthday counts on the day itself). */
export function ageOn(birthDate: TIsoDate, on: TIsoDate): number {
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

/** The earlier of two dates. */
export function minDate(a: TIsoDate, b: TIsoDate): TIsoDate {
  return a < b ? a : b;
}

/** The later of two dates. */
export function maxDate(a: TIsoDate, b: TIsoDate): TIsoDate {
  return a > b ? a : b;
}
