/**
 * Overdue cases for dashboards and notifications, by the same conditions as the CASE rules of the
 * policy engine (`src/core/policy/case.ts`): CASE-1, no approved plan after the plan deadline; CASE-2,
 * not decoupled after the completion deadline, with the blocked-reason classification. The deadline
 * day itself is still in time.
 */

import { addDays, toDayNumber } from '../policy/dates.ts';
import type { TCaseFact } from '../policy/facts.ts';
import type { TBlockedReason, TCase, TCaseState } from './types.ts';

export type TOverdueEntry = {
  ruleId: 'CASE-1' | 'CASE-2';
  caseId: string;
  associationUscc: string;
  batch: string;
  jurisdiction: string;
  state: TCaseState;
  /** The deadline that passed. */
  deadline: string;
  /** The first overdue day (the day after the deadline), as the rule's finding dates it. */
  arisenOn: string;
  /** Whole days from the deadline to `asOf` (1 on the first overdue day). */
  daysOverdue: number;
  /** CASE-2: the classification of why the case is late; `null` when not classified. */
  blockedReason: TBlockedReason | null;
};

/**
 * The case as the policy rules read it. An exempt association is out of the decoupling scope, which
 * the scope decision records; the fact itself keeps its dates. The blocked reason is the current
 * one, or the last one when the case resumed (it still explains a delay).
 */
export function toCaseFact(c: TCase): TCaseFact {
  return {
    id: c.id,
    batch: c.batch,
    jurisdiction: c.jurisdiction,
    listedOn: c.listedOn,
    planDeadline: c.planDeadline,
    planApprovedOn: c.planApprovedOn,
    completionDeadline: c.completionDeadline,
    decoupledOn: c.decoupledOn,
    blockedReason: c.blocked?.reason ?? c.lastBlockedReason,
  };
}

export type OverdueOptions = { cases: readonly TCase[]; asOf: string };

/**
 * CASE-1 and CASE-2 entries for the cases on `asOf`, sorted by deadline then case id. Exempt cases
 * are skipped: they are out of scope, as the rules engine treats them.
 */
export function overdue({ cases, asOf }: OverdueOptions): TOverdueEntry[] {
  const entries: TOverdueEntry[] = [];
  const asOfDay = toDayNumber(asOf);
  for (const c of cases) {
    if (c.state === 'exempt') continue;
    const fact = toCaseFact(c);
    const base = {
      caseId: c.id,
      associationUscc: c.associationUscc,
      batch: c.batch,
      jurisdiction: c.jurisdiction,
      state: c.state,
    };
    const planDeadline = fact.planDeadline;
    if (
      planDeadline !== null &&
      asOf > planDeadline &&
      fact.decoupledOn === null &&
      !(fact.planApprovedOn !== null && fact.planApprovedOn <= asOf)
    ) {
      entries.push({
        ...base,
        ruleId: 'CASE-1',
        deadline: planDeadline,
        arisenOn: addDays(planDeadline, 1),
        daysOverdue: asOfDay - toDayNumber(planDeadline),
        blockedReason: null,
      });
    }
    const completion = fact.completionDeadline;
    if (
      completion !== null &&
      asOf > completion &&
      !(fact.decoupledOn !== null && fact.decoupledOn <= asOf)
    ) {
      entries.push({
        ...base,
        ruleId: 'CASE-2',
        deadline: completion,
        arisenOn: addDays(completion, 1),
        daysOverdue: asOfDay - toDayNumber(completion),
        blockedReason: fact.blockedReason,
      });
    }
  }
  return entries.sort((a, b) =>
    a.deadline !== b.deadline
      ? a.deadline < b.deadline
        ? -1
        : 1
      : a.caseId !== b.caseId
        ? a.caseId < b.caseId
          ? -1
          : 1
        : a.ruleId < b.ruleId
          ? -1
          : 1,
  );
}
