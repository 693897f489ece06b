import type { TBilingual, TFinding } from '../../api/types.ts';
import { EMPTY, formatNumber } from '../../format.ts';
import type { TLanguage, TTranslate } from '../../i18n/index.ts';
import { subjectTypeLabel } from '../../labels.ts';

/** The text of a bilingual pair in the current language (Chinese unless English is chosen). */
export function pick(text: TBilingual, language: TLanguage): string {
  return language === 'en' ? text.en : text.zh;
}

/** A finding's explanation in the current language, falling back to the other one when blank. */
export function explanationOf(
  finding: { explanationZh: string; explanationEn: string },
  language: TLanguage,
): string {
  const [first, second] =
    language === 'en'
      ? [finding.explanationEn, finding.explanationZh]
      : [finding.explanationZh, finding.explanationEn];
  return first.trim() || second.trim() || EMPTY;
}

/** What a finding is about, in words: `任职 #1234`, plus the aspect when one subject breaks a rule twice. */
export function subjectText(finding: Pick<TFinding, 'subject' | 'aspect'>, t: TTranslate): string {
  const label = subjectTypeLabel(finding.subject.type);
  const base = `${label ? t(label) : finding.subject.type} #${finding.subject.id}`;
  return finding.aspect ? `${base} · ${finding.aspect}` : base;
}

/**
 * A fact value for display: yes/no for booleans, separators for integers, lists joined with `、`,
 * other structures as compact JSON, a dash for nothing.
 */
export function factText(value: unknown, t: TTranslate): string {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'boolean') return t(value ? 'app.yes' : 'app.no');
  if (typeof value === 'number') return Number.isInteger(value) ? formatNumber(value) : String(value);
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.length === 0 ? EMPTY : value.join('、');
  }
  return JSON.stringify(value);
}
