import type { TDrawState, TInspectionOutcome } from '../../api/inspections.ts';
import { useT } from '../../i18n/index.ts';

/** A phrase in both languages; the pages of this folder keep their words beside them. */
export type TPhrase = { zh: string; en: string };

/** Picks the phrase of the current language. */
export function usePick(): (phrase: TPhrase) => string {
  const { language } = useT();
  return (phrase) => (language === 'en' ? phrase.en : phrase.zh);
}

export const STATE_LABELS: Record<TDrawState, TPhrase> = {
  committed: { zh: '已公示承诺，待抽取', en: 'Committed, not yet drawn' },
  drawn: { zh: '已抽取，检查中', en: 'Drawn, inspections under way' },
  published: { zh: '结果已公开', en: 'Results published' },
};

export const STATE_COLORS: Record<TDrawState, string> = {
  committed: 'gold',
  drawn: 'processing',
  published: 'success',
};

export const OUTCOME_LABELS: Record<TInspectionOutcome, TPhrase> = {
  compliant: { zh: '未发现问题', en: 'Compliant' },
  rectification_ordered: { zh: '责令整改', en: 'Rectification ordered' },
  referred_for_penalty: { zh: '移送查处', en: 'Referred for penalty' },
  not_found: { zh: '未找到', en: 'Not found' },
};

export const KIND_LABELS: Record<'yearly' | 'irregular', TPhrase> = {
  yearly: { zh: '年度定向抽查', en: 'Yearly draw' },
  irregular: { zh: '不定向抽查', en: 'Irregular draw' },
};

/** The command that re-runs a draw from public data only. */
export function verifyCommand(drawId: string, origin: string): string {
  return `npx tuogou inspections verify ${drawId} --from ${origin}`;
}
