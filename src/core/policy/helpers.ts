/** Small pure helpers shared by the rule families. */

import { CADRE_RANKS, type TCadreRank } from '../registry/types.ts';
import { holdsOn, type TDate } from './dates.ts';
import type { TOfficialStatusFact, TPostFact } from './facts.ts';
import type { TPolicyParameters } from './packs.ts';
import type { TFactValue, TFindingFacts, TRuleContext, TSeverity } from './types.ts';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Locale-independent rendering, so that explanations are identical on every machine. */
export function formatValue(value: TFactValue, language: 'zh' | 'en'): string {
  if (value === null) return language === 'zh' ? '（无）' : '(none)';
  if (typeof value === 'boolean') return language === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'number') {
    const [whole = '0', fraction] = Math.abs(value).toFixed(2).split('.');
    const sign = value < 0 ? '-' : '';
    return fraction === '00'
      ? `${sign}${groupThousands(whole)}`
      : `${sign}${groupThousands(whole)}.${fraction}`;
  }
  return value;
}

/** A template split once into literal text (even indexes) and placeholder names (odd indexes). */
const compiled = new Map<string, readonly string[]>();

function compile(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  return parts;
}

/**
 * Fill `{name}` placeholders from the facts. A placeholder without a fact is a programming error of
 * the rule and throws, so a test of the rule catches it. Templates are compiled once: screening
 * fills millions of them.
 */
export function fillTemplate(template: string, facts: TFindingFacts, language: 'zh' | 'en'): string {
  const parts = compile(template);
  let text = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string;
    const value = facts[key];
    if (value === undefined) throw new Error(`Template placeholder {${key}} has no fact`);
    text += typeof value === 'string' ? value : formatValue(value, language);
    text += parts[i + 1] ?? '';
  }
  return text;
}

/** The placeholders of a template, for the catalog and its tests. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

/** True when `rank` is at or above `min` (CADRE_RANKS lists the highest first; `none` is never a cadre). */
export function rankAtLeast(rank: TCadreRank, min: TCadreRank): boolean {
  if (rank === 'none') return false;
  return CADRE_RANKS.indexOf(rank) <= CADRE_RANKS.indexOf(min);
}

export const RANK_NAMES: Readonly<Record<TCadreRank, { zh: string; en: string }>> = {
  national: { zh: '国家级', en: 'national level' },
  ministerial: { zh: '省部级正职', en: 'ministerial' },
  deputy_ministerial: { zh: '省部级副职', en: 'deputy ministerial' },
  department: { zh: '厅局级正职', en: 'department' },
  deputy_department: { zh: '厅局级副职', en: 'deputy department' },
  division: { zh: '县处级正职', en: 'division' },
  deputy_division: { zh: '县处级副职', en: 'deputy division' },
  section: { zh: '乡科级', en: 'section' },
  none: { zh: '非领导职务', en: 'non-leading' },
};

export const ROLE_NAMES: Readonly<Record<TPostFact['role'], { zh: string; en: string }>> = {
  president: { zh: '会长', en: 'president' },
  vice_president: { zh: '副会长', en: 'vice president' },
  secretary_general: { zh: '秘书长', en: 'secretary general' },
  deputy_secretary_general: { zh: '副秘书长', en: 'deputy secretary general' },
  director: { zh: '理事', en: 'director' },
  standing_director: { zh: '常务理事', en: 'standing director' },
  supervisor: { zh: '监事', en: 'supervisor' },
  chief_supervisor: { zh: '监事长', en: 'chief supervisor' },
  legal_representative: { zh: '法定代表人', en: 'legal representative' },
  branch_head: { zh: '分支机构负责人', en: 'branch head' },
  honorary: { zh: '名誉职务', en: 'honorary post' },
  other: { zh: '其他职务', en: 'other post' },
};

/** True when the association must already be separated on `asOf`: never listed, or decoupled. */
export function separationApplies(context: TRuleContext): boolean {
  return context.facts.case === null || context.decoupledOn !== null;
}

/** A view of the facts computed once per evaluation and shared by the rules that need it. */
export function memo<T>(context: TRuleContext, key: string, compute: () => T): T {
  if (context.cache.has(key)) return context.cache.get(key) as T;
  const value = compute();
  context.cache.set(key, value);
  return value;
}

/** Posts held on the evaluation date. */
export function heldPosts(context: TRuleContext): readonly TPostFact[] {
  return memo(context, 'heldPosts', () =>
    context.facts.posts.filter((post) => holdsOn(post.startedOn, post.endedOn, context.asOf)),
  );
}

/** The person's status as it stands on `asOf`: a retirement dated later has not happened yet. */
export function statusOn(
  status: TOfficialStatusFact | null,
  asOf: TDate,
): TOfficialStatusFact['status'] | null {
  if (!status) return null;
  if (status.status === 'retired' && (status.retiredOn === null || status.retiredOn > asOf)) {
    return status.retiredOn === null ? 'retired' : 'serving';
  }
  return status.status;
}

/** A retired leading cadre on `asOf` per the pack's rank threshold. */
export function isRetiredLeadingCadre(
  status: TOfficialStatusFact | null,
  asOf: TDate,
  params: TPolicyParameters,
): status is TOfficialStatusFact {
  return (
    status !== null &&
    statusOn(status, asOf) === 'retired' &&
    rankAtLeast(status.rank, params.pers.leadingCadreMinRank)
  );
}

/**
 * A PERS finding from an official status matched with low confidence is a `risk` to be reviewed,
 * not a `violation`: the rule cannot be surer than the match it rests on.
 */
export function personSeverity(
  severity: TSeverity,
  status: TOfficialStatusFact,
  params: TPolicyParameters,
): TSeverity {
  if (severity !== 'violation') return severity;
  if (status.matchConfidence !== null && status.matchConfidence < params.pers.minMatchConfidence)
    return 'risk';
  return severity;
}

/** Facts every PERS finding states about the person and the post. */
export function personFacts(post: TPostFact): Record<string, TFactValue> {
  const status = post.person.status;
  return {
    name: post.person.name,
    birthDate: post.person.birthDate,
    roleZh: ROLE_NAMES[post.role].zh,
    roleEn: ROLE_NAMES[post.role].en,
    postStartedOn: post.startedOn,
    rankZh: status ? RANK_NAMES[status.rank].zh : null,
    rankEn: status ? RANK_NAMES[status.rank].en : null,
    retiredOn: status?.retiredOn ?? null,
    statusSource: status ? `${status.source}#${status.recordKey}` : null,
    matchConfidence: status?.matchConfidence ?? null,
  };
}

/** `share` (0.8) as a percentage string (`80%`). */
export function percent(share: number): string {
  return `${Math.round(share * 10_000) / 100}%`;
}
