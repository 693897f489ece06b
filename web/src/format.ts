/**
 * Display formats shared by every screen: dates as YYYY-MM-DD, counts and amounts with thousands
 * separators, empty values as an em dash.
 */

export const EMPTY = '—';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Formats a date for display as `YYYY-MM-DD`. API dates are already in that form and pass through
 * untouched (re-parsing them would shift them across time zones); timestamps are shown in local time.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return EMPTY;
  if (ISO_DATE.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A timestamp as local `YYYY-MM-DD HH:mm:ss`, for audit events and other moments rather than days. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${formatDate(date.toISOString())} ${time}`;
}

/** A date range such as `2015-11-01 – 2019-06-30`, or `2015-11-01 – 至今` while still running. */
export function formatDateRange(startedOn: string | null, endedOn: string | null, current: string): string {
  return `${formatDate(startedOn)} – ${endedOn ? formatDate(endedOn) : current}`;
}

/** Integer or decimal with thousands separators (`12,345`, `1,234.5`), independent of the UI language. */
export function formatNumber(value: number | null | undefined, fractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

/** An amount in yuan with thousands separators and two decimals: `¥1,234,567.00`. */
export function formatYuan(value: number | null | undefined): string {
  const text = formatNumber(value, 2);
  return text === EMPTY ? EMPTY : `¥${text}`;
}

/** Any optional text for display: the text itself, or an em dash when missing or blank. */
export function orEmpty(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return EMPTY;
  const text = String(value).trim();
  return text === '' ? EMPTY : text;
}
