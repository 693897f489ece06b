import type { TDate, TWorkingDayCalendar } from './dates.ts';
import type { TAssociationFacts } from './facts.ts';
import type { TPolicyParameters, TResolvedPack } from './packs.ts';

export const RULE_FAMILIES = [
  'SCOPE',
  'INST',
  'FUNC',
  'FIN',
  'PERS',
  'PARTY',
  'FEE',
  'CRED',
  'CASE',
] as const;
export type TRuleFamily = (typeof RULE_FAMILIES)[number];

export const RULE_IDS = [
  'SCOPE-1',
  'INST-1',
  'INST-2',
  'INST-3',
  'INST-4',
  'INST-5',
  'FUNC-1',
  'FUNC-2',
  'FUNC-3',
  'FUNC-4',
  'FIN-1',
  'FIN-2',
  'FIN-3',
  'FIN-4',
  'FIN-5',
  'PERS-1',
  'PERS-2',
  'PERS-3',
  'PERS-4',
  'PERS-5',
  'PERS-6',
  'PERS-7',
  'PERS-8',
  'PERS-9',
  'PERS-10',
  'PARTY-1',
  'PARTY-2',
  'PARTY-3',
  'FEE-1',
  'FEE-2',
  'FEE-3',
  'FEE-4',
  'FEE-5',
  'FEE-6',
  'FEE-7',
  'FEE-8',
  'FEE-9',
  'FEE-10',
  'FEE-11',
  'FEE-12',
  'FEE-13',
  'FEE-14',
  'FEE-15',
  'CRED-1',
  'CRED-2',
  'CRED-3',
  'CRED-4',
  'CASE-1',
  'CASE-2',
  'CASE-3',
] as const;
export type TRuleId = (typeof RULE_IDS)[number];

/**
 * `violation`: a clear rule is broken; `risk`: a rule says "generally not" or the finding needs
 * review; `open`: a task of an ongoing case or a legal timer not yet done; `info`: for the record.
 */
export type TSeverity = 'violation' | 'risk' | 'open' | 'info';

export type TSubjectType =
  | 'association'
  | 'link'
  | 'case'
  | 'function'
  | 'finance_year'
  | 'institution'
  | 'post'
  | 'person'
  | 'staff'
  | 'fee_item'
  | 'dues_decision'
  | 'award'
  | 'annual_report'
  | 'penalty'
  | 'rectification'
  | 'credit_entry';

export type TSubject = { type: TSubjectType; id: string };

/** A fact value in a finding; dates are ISO strings. */
export type TFactValue = string | number | boolean | null;
export type TFindingFacts = Readonly<Record<string, TFactValue>>;

export type TFinding = {
  ruleId: TRuleId;
  family: TRuleFamily;
  severity: TSeverity;
  packId: string;
  packVersion: string;
  uscc: string;
  subject: TSubject;
  /** Which defect of the subject, where one subject can break a rule in several ways. */
  aspect: string | null;
  /** The facts that made the rule fire, the values the explanation states. */
  facts: TFindingFacts;
  /** When the breach began, as far as the facts tell (CASE-3 compares it with the decoupling date). */
  arisenOn: TDate | null;
  /** For timed obligations (CRED listings and removals): the last day to act. */
  dueOn: TDate | null;
  clause: string;
  explanationZh: string;
  explanationEn: string;
  /** `ruleId|uscc|subjectType:subjectId[|aspect]`: stable across runs, the key for diffing runs. */
  fingerprint: string;
};

export type TScopeOutcome = 'in' | 'out' | 'needs_decision';
export type TScopeReason = { code: string; zh: string; en: string };
export type TScopeResult = { outcome: TScopeOutcome; reasons: readonly TScopeReason[] };

/** What a rule hands back for each breach; the engine adds pack, clause, explanation and fingerprint. */
export type TFindingDraft = {
  subject: TSubject;
  aspect?: string;
  facts: TFindingFacts;
  arisenOn: TDate | null;
  dueOn?: TDate | null;
  /** Overrides the rule's severity (e.g. PERS-2 is `violation` without approval, else `risk`). */
  severity?: TSeverity;
  /** Key of the explanation template; `default` when omitted. */
  template?: string;
};

export type TRuleContext = {
  facts: TAssociationFacts;
  asOf: TDate;
  pack: TResolvedPack;
  params: TPolicyParameters;
  calendar: TWorkingDayCalendar;
  scope: TScopeResult;
  /** The decoupling date when the case was decoupled on or before `asOf`, else `null`. */
  decoupledOn: TDate | null;
  /** Findings of the rules evaluated before this one (CASE-3 reads them). */
  earlier: readonly TFinding[];
  /** Views of the facts several rules share, computed once per evaluation (see `memo`). */
  cache: Map<string, unknown>;
};

export type TTemplate = { zh: string; en: string };

export type TRuleDefinition = {
  id: TRuleId;
  family: TRuleFamily;
  severity: TSeverity;
  title: TTemplate;
  /** The clause the rule rests on, as cited to the association. */
  clause: string;
  /** Dotted paths into the pack parameters that the rule reads, e.g. `pers.ageLimit`. */
  parameters: readonly string[];
  /**
   * `in_scope`: only for associations in the decoupling scope; `all_social_groups`: rules that bind
   * every social group (officials' posts, party organisation, credit lists).
   */
  appliesTo: 'in_scope' | 'all_social_groups';
  /** Explanation templates; `{name}` placeholders are filled from the finding's facts. */
  templates: Readonly<Record<string, TTemplate>>;
  /** How ambiguous points of the catalog were decided, for the documentation and the UI. */
  decisions: readonly TTemplate[];
  example: TTemplate;
  check(context: TRuleContext): readonly TFindingDraft[];
};
