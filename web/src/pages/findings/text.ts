import type { TBilingual, TFactValue } from '../../api/types.ts';
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
export function subjectText(
  finding: { subjectType: string; subjectId: string; aspect: string | null },
  t: TTranslate,
): string {
  const label = subjectTypeLabel(finding.subjectType);
  const base = `${label ? t(label) : finding.subjectType} #${finding.subjectId}`;
  return finding.aspect ? `${base} · ${finding.aspect}` : base;
}

/** A fact value for display: yes/no for booleans, separators for numbers, a dash for nothing. */
export function factText(value: TFactValue, t: TTranslate): string {
  if (value === null) return EMPTY;
  if (typeof value === 'boolean') return t(value ? 'app.yes' : 'app.no');
  if (typeof value === 'number') return Number.isInteger(value) ? formatNumber(value) : String(value);
  return value.trim() === '' ? EMPTY : value;
}
