import { describe, expect, it } from 'vitest';
import type { TMessageId } from '../../i18n/index.ts';
import { explanationOf, factText, pick, subjectText } from './text.ts';

const t = (id: TMessageId) => `<${id}>`;

describe('finding texts', () => {
  it('picks the Chinese text unless English is chosen', () => {
    expect(pick({ zh: '任职', en: 'Post' }, 'zh-CN')).toBe('任职');
    expect(pick({ zh: '任职', en: 'Post' }, 'en')).toBe('Post');
  });

  it('falls back to the other language when the explanation in this one is blank', () => {
    expect(explanationOf({ explanationZh: '超龄任职', explanationEn: ' ' }, 'en')).toBe('超龄任职');
    expect(explanationOf({ explanationZh: '超龄任职', explanationEn: 'Over age' }, 'en')).toBe('Over age');
    expect(explanationOf({ explanationZh: '', explanationEn: '' }, 'zh-CN')).toBe('—');
  });

  it('names known subject types by message and shows unknown ones as sent', () => {
    expect(subjectText({ subject: { type: 'post', id: '12' }, aspect: null }, t)).toBe(
      '<subjectType.post> #12',
    );
    expect(subjectText({ subject: { type: 'widget', id: '3' }, aspect: 'tiers' }, t)).toBe(
      'widget #3 · tiers',
    );
  });

  it('shows booleans as yes/no, integers with separators, lists joined and nothing as a dash', () => {
    expect(factText(['2019', '2020'], t)).toBe('2019、2020');
    expect(factText({ organ: 'X' }, t)).toBe('{"organ":"X"}');
    expect(factText(undefined, t)).toBe('—');
    expect(factText(true, t)).toBe('<app.yes>');
    expect(factText(12345, t)).toBe('12,345');
    expect(factText(0.8, t)).toBe('0.8');
    expect(factText(null, t)).toBe('—');
    expect(factText('2024-06-01', t)).toBe('2024-06-01');
  });
});
