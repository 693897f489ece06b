/** Dates as `yyyymmdd` integers inside the index: 0 is unknown. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `1985-03-07` → 19850307; anything that is not a real ISO date → 0. */
export function dateToNumber(text: string | null | undefined): number {
  if (!text) return 0;
  const m = ISO.exec(text.trim());
  if (!m) return 0;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return 0;
  return year * 10000 + month * 100 + day;
}

export function numberToDate(value: number): string | null {
  if (value === 0) return null;
  const y = Math.floor(value / 10000);
  const m = Math.floor(value / 100) % 100;
  const d = value % 100;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The same date with month and day exchanged, or 0 when that is not a date or is the same date. */
export function swapMonthDay(value: number): number {
  const y = Math.floor(value / 10000);
  const m = Math.floor(value / 100) % 100;
  const d = value % 100;
  if (m === d || d > 12) return 0;
  return dateToNumber(`${y}-${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}`);
}
