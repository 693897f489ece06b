/**
 * The rules engine: `evaluate` runs the rules of a pack over one association's facts on a date.
 * Pure and deterministic: no clock, no I/O, no randomness; the same inputs give the same findings in
 * the same order.
 */

import { RULES } from './catalog.ts';
import type { TDate, TWorkingDayCalendar } from './dates.ts';
import type { TAssociationFacts } from './facts.ts';
import { fillTemplate } from './helpers.ts';
import { BUILT_IN_PACKS, resolvePack, type TResolvedPack } from './packs.ts';
import { decideScope } from './scope.ts';
import type { TFinding, TFindingDraft, TRuleContext, TRuleDefinition, TScopeResult } from './types.ts';

export type EvaluateOptions = {
  pack: TResolvedPack;
  facts: TAssociationFacts;
  asOf: TDate;
  /** The official working-day calendar for the credit-list timers. */
  calendar: TWorkingDayCalendar;
  /** Defaults to every rule of the catalog; tests may pass a subset. */
  rules?: readonly TRuleDefinition[];
};

export type TEvaluation = {
  uscc: string;
  packId: string;
  packVersion: string;
  asOf: TDate;
  scope: TScopeResult;
  findings: TFinding[];
};

/** `ruleId|uscc|subjectType:subjectId[|aspect]`. */
export function fingerprintOf(finding: Pick<TFinding, 'ruleId' | 'uscc' | 'subject' | 'aspect'>): string {
  const base = `${finding.ruleId}|${finding.uscc}|${finding.subject.type}:${finding.subject.id}`;
  return finding.aspect === null ? base : `${base}|${finding.aspect}`;
}

function toFinding(rule: TRuleDefinition, draft: TFindingDraft, pack: TResolvedPack, uscc: string): TFinding {
  const key = draft.template ?? 'default';
  const template = rule.templates[key];
  if (!template) throw new Error(`Rule ${rule.id} has no explanation template "${key}"`);
  const aspect = draft.aspect ?? null;
  const finding: TFinding = {
    ruleId: rule.id,
    family: rule.family,
    severity: draft.severity ?? rule.severity,
    packId: pack.id,
    packVersion: pack.version,
    uscc,
    subject: draft.subject,
    aspect,
    facts: draft.facts,
    arisenOn: draft.arisenOn,
    dueOn: draft.dueOn ?? null,
    clause: rule.clause,
    explanationZh: fillTemplate(template.zh, draft.facts, 'zh'),
    explanationEn: fillTemplate(template.en, draft.facts, 'en'),
    fingerprint: '',
  };
  finding.fingerprint = fingerprintOf(finding);
  return finding;
}

/**
 * Evaluate the active rules of `pack` over one association on `asOf`. Deregistered and revoked
 * associations only get the credit-list rules; associations out of the decoupling scope only get
 * the rules that bind every social group.
 */
export function evaluate({ pack, facts, asOf, calendar, rules = RULES }: EvaluateOptions): TEvaluation {
  const params = pack.parameters;
  const association = facts.association;
  const scope = decideScope({ association, params });
  const inScope =
    scope.outcome === 'in' || (scope.outcome === 'needs_decision' && params.scope.undecidedCountsAsInScope);
  const active = association.status === 'active';
  const decoupledOn =
    facts.case?.decoupledOn != null && facts.case.decoupledOn <= asOf ? facts.case.decoupledOn : null;
  const findings: TFinding[] = [];
  const context: TRuleContext = {
    facts,
    asOf,
    pack,
    params,
    calendar,
    scope,
    decoupledOn,
    earlier: findings,
    cache: new Map(),
  };
  for (const rule of rules) {
    if (!pack.rules[rule.id]) continue;
    if (!active && rule.family !== 'CRED') continue;
    if (rule.appliesTo === 'in_scope' && !inScope) continue;
    const drafts = rule.check(context);
    for (const draft of drafts) findings.push(toFinding(rule, draft, pack, association.uscc));
  }
  findings.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { uscc: association.uscc, packId: pack.id, packVersion: pack.version, asOf, scope, findings };
}

export type EvaluateAllOptions = {
  facts: Iterable<TAssociationFacts>;
  asOf: TDate;
  calendar: TWorkingDayCalendar;
  packs?: ReadonlyMap<string, TResolvedPack>;
};

/**
 * Evaluate many associations, each under the pack in force for its registering region on `asOf`
 * (resolved once per region).
 */
export function* evaluateAll({
  facts,
  asOf,
  calendar,
  packs = BUILT_IN_PACKS,
}: EvaluateAllOptions): Generator<TEvaluation> {
  const byRegion = new Map<string, TResolvedPack>();
  for (const item of facts) {
    const region = item.association.regionCode;
    let pack = byRegion.get(region);
    if (!pack) {
      pack = resolvePack({ regionCode: region, asOf, packs });
      byRegion.set(region, pack);
    }
    yield evaluate({ pack, facts: item, asOf, calendar });
  }
}

export type TRunDiff = {
  /** In the current run only. */
  new: TFinding[];
  /** In both runs (the current finding). */
  persisting: TFinding[];
  /** In the previous run only. */
  resolved: TFinding[];
};

/** Compare two runs by fingerprint. Each list keeps the order of the run it comes from. */
export function diffRuns(previous: readonly TFinding[], current: readonly TFinding[]): TRunDiff {
  const before = new Set(previous.map((f) => f.fingerprint));
  const now = new Set(current.map((f) => f.fingerprint));
  return {
    new: current.filter((f) => !before.has(f.fingerprint)),
    persisting: current.filter((f) => before.has(f.fingerprint)),
    resolved: previous.filter((f) => !now.has(f.fingerprint)),
  };
}
