import { describe, expect, it } from 'vitest';
import { CASE_TEXT, caseText } from './text.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('case page text', () => {
  it('has every entry in both languages with the same placeholders', () => {
    for (const [id, entry] of Object.entries(CASE_TEXT)) {
      expect(entry.zh.trim(), id).not.toBe('');
      expect(entry.en.trim(), id).not.toBe('');
      expect(placeholders(entry.en), id).toEqual(placeholders(entry.zh));
    }
  });

  it('fills placeholders in the chosen language', () => {
    expect(caseText('zh-CN', 'overdue.days', { rule: 'CASE-1', days: 3 })).toBe('CASE-1 逾期 3 天');
    expect(caseText('en', 'overdue.days', { rule: 'CASE-2', days: 1 })).toBe('CASE-2 1 days overdue');
  });
});
