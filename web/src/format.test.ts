import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatNumber,
  formatYuan,
  orEmpty,
} from './format.ts';

describe('formatDate', () => {
  it('keeps an API date as it is, without shifting it across time zones', () => {
    expect(formatDate('2015-07-08')).toBe('2015-07-08');
  });

  it('shows a timestamp as the local calendar date', () => {
    const local = new Date(2024, 0, 31, 23, 30);
    expect(formatDate(local.toISOString())).toBe('2024-01-31');
  });

  it('shows an em dash for a missing date and the raw text for an unparseable one', () => {
    expect(formatDate(null)).toBe(EMPTY);
    expect(formatDate('')).toBe(EMPTY);
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('formatDateTime', () => {
  it('shows a timestamp as local date and time to the second', () => {
    const local = new Date(2026, 10, 26, 9, 5, 7);
    expect(formatDateTime(local.toISOString())).toBe('2026-11-26 09:05:07');
  });

  it('shows an em dash for a missing timestamp', () => {
    expect(formatDateTime(null)).toBe(EMPTY);
  });
});

describe('formatDateRange', () => {
  it('names an open range with the given word for "until now"', () => {
    expect(formatDateRange('2016-06-01', null, '至今')).toBe('2016-06-01 – 至今');
    expect(formatDateRange('2016-06-01', '2019-12-31', '至今')).toBe('2016-06-01 – 2019-12-31');
  });
});

describe('formatNumber and formatYuan', () => {
  it('groups thousands with commas', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
  });

  it('shows yuan amounts with two decimals and separators', () => {
    expect(formatYuan(1234567.5)).toBe('¥1,234,567.50');
    expect(formatYuan(null)).toBe(EMPTY);
  });

  it('shows an em dash for missing or non-finite numbers', () => {
    expect(formatNumber(undefined)).toBe(EMPTY);
    expect(formatNumber(Number.NaN)).toBe(EMPTY);
  });
});

describe('orEmpty', () => {
  it('replaces missing and blank values with an em dash but keeps zero', () => {
    expect(orEmpty(null)).toBe(EMPTY);
    expect(orEmpty('  ')).toBe(EMPTY);
    expect(orEmpty(0)).toBe('0');
    expect(orEmpty('北京')).toBe('北京');
  });
});
