import { officialCalendar } from '../core/credit/working-days.ts';
import type { TWorkingDayCalendar } from '../core/policy/dates.ts';

/**
 * The working-day calendar screening runs count deadlines in (CRED timers, rectification periods):
 * the official one, maintained by the `chinese-days` package, so a new year's holiday notice arrives
 * with a package update instead of an edit here.
 */
export const OFFICIAL_CALENDAR: TWorkingDayCalendar = officialCalendar();
