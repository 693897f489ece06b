/**
 * The working-day calendar of mainland China: public holidays and the weekend days swapped into
 * working days (调休) as the State Council publishes them each year. This file is the one place the
 * `chinese-days` package is used; everything else takes a `TWorkingDayCalendar` as an argument so that
 * tests and other jurisdictions can pass their own.
 */

import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  createWorkingDayCalendar,
  fromDayNumber,
  type TDate,
  type TWorkingDayCalendar,
  toDayNumber,
} from '../policy/dates.ts';

/** A calendar that knows which years its data covers. */
export type TCoveredWorkingDayCalendar = TWorkingDayCalendar & {
  /**
   * True when `date` lies in a year whose official holidays are in the data. Outside it the calendar
   * falls back to Monday–Friday, so a deadline computed there is provisional.
   */
  covers(date: TDate): boolean;
};

/** A due date and whether any day counted to reach it lay outside the calendar's data. */
export type TWorkingDayResult = {
  date: TDate;
  /** True when a year without published holidays was crossed (the date may move once it is published). */
  provisional: boolean;
};

let official: TCoveredWorkingDayCalendar | null = null;

/**
 * The official calendar from the `chinese-days` data. Its id names the years covered
 * (`cn-official-2004-2026`), so a due date records which data it was computed with.
 *
 * The package's data tables are read rather than its date functions: those parse a date as UTC and
 * format it in local time, which moves every date back one day on a machine west of Greenwich.
 */
export function officialCalendar(): TCoveredWorkingDayCalendar {
  if (official !== null) return official;
  const holidays = Object.keys(data.holidays);
  const years = new Set(holidays.map((date) => Number(date.slice(0, 4))));
  const sorted = [...years].sort((a, b) => a - b);
  const id =
    sorted.length === 0 ? 'cn-official-none' : `cn-official-${sorted[0]}-${sorted[sorted.length - 1]}`;
  const calendar = createWorkingDayCalendar({ id, holidays, workingWeekendDays: Object.keys(data.workdays) });
  official = {
    id,
    covers: (date) => years.has(Number(date.slice(0, 4))),
    isWorkingDay: calendar.isWorkingDay,
  };
  return official;
}

function covers(calendar: TWorkingDayCalendar, date: TDate): boolean {
  const withCoverage = calendar as Partial<TCoveredWorkingDayCalendar>;
  return typeof withCoverage.covers === 'function' ? withCoverage.covers(date) : true;
}

/**
 * Working-day arithmetic over any calendar. "Within n working days of a date" counts from the next day,
 * so the deadline is the n-th working day after it (民法典 第二百零一条: the first day is not counted).
 */
export const workingDays = {
  /** True when `date` is a working day on `calendar`. */
  isWorkingDay(calendar: TWorkingDayCalendar, date: TDate): boolean {
    return calendar.isWorkingDay(date);
  },

  /** The n-th working day after `date` (n ≥ 0; 0 gives `date` itself), and whether it is provisional. */
  add(calendar: TWorkingDayCalendar, date: TDate, n: number): TWorkingDayResult {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let day = toDayNumber(date);
    let left = n;
    let provisional = !covers(calendar, date);
    while (left > 0) {
      day += 1;
      const current = fromDayNumber(day);
      if (!covers(calendar, current)) provisional = true;
      if (calendar.isWorkingDay(current)) left -= 1;
    }
    return { date: fromDayNumber(day), provisional };
  },

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  countBetween(calendar: TWorkingDayCalendar, from: TDate, to: TDate): number {
    let count = 0;
    const last = toDayNumber(to);
    for (let day = toDayNumber(from) + 1; day <= last; day += 1) {
      if (calendar.isWorkingDay(fromDayNumber(day))) count += 1;
    }
    return count;
  },
};
