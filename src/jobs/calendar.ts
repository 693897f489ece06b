import { createWorkingDayCalendar, type TWorkingDayCalendar } from '../core/policy/dates.ts';

/**
 * The official working-day calendar the credit-list timers count in: Monday to Friday, corrected by
 * the public holidays and the swapped working days (调休) of the State Council's yearly notices.
 * Years not listed here count as plain Monday-to-Friday weeks; add each year's notice when it is
 * published.
 */
export const OFFICIAL_CALENDAR: TWorkingDayCalendar = createWorkingDayCalendar({
  id: 'cn-2025-2026',
  holidays: [
    // 2025 (国办发明电〔2024〕12号)
    '2025-01-01',
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-03',
    '2025-02-04',
    '2025-04-04',
    '2025-05-01',
    '2025-05-02',
    '2025-05-05',
    '2025-06-02',
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
    // 2026
    '2026-01-01',
    '2026-01-02',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-23',
    '2026-04-06',
    '2026-05-01',
    '2026-05-04',
    '2026-05-05',
    '2026-06-19',
    '2026-09-25',
    '2026-10-01',
    '2026-10-02',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workingWeekendDays: [
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ],
});
