import { SEPARATION_TITLES, SEPARATIONS, type TSeparation } from '../../core/cases/checklist.ts';
import type { TRuleFamily } from '../../core/policy/types.ts';
import type { TPublicCaseRow } from '../../db/repositories/public.repository.ts';
import type { SEPARATION_STATES } from './public.routes.ts';

type TSeparationState = (typeof SEPARATION_STATES)[number];

/** The rule family whose findings speak for each separation. */
const SEPARATION_FAMILY: Record<TSeparation, TRuleFamily> = {
  institution: 'INST',
  functions: 'FUNC',
  assets_finance: 'FIN',
  personnel: 'PERS',
  party_foreign_affairs: 'PARTY',
};

/** Case states before any separation work starts. */
const NOT_STARTED = new Set(['listed', 'plan_drafted', 'plan_submitted', 'plan_returned']);

export const SCORECARD_BASIS =
  'case state and open violation findings per separation family (INST, FUNC, FIN, PERS, PARTY)';

/**
 * The five separations from the case state and the open findings: a separation with an open
 * violation has `issues` whatever the case says; otherwise a decoupled case is `done`, an exempt one
 * `exempt`, a case still planning `not_started`, and a case in execution `in_progress`.
 */
export function scorecardSeparations(
  caseRow: TPublicCaseRow | undefined,
  openFindings: readonly { family: string; severity: string; n: number }[],
) {
  return SEPARATIONS.map((id) => {
    const family = SEPARATION_FAMILY[id];
    const forFamily = openFindings.filter((f) => f.family === family);
    const total = forFamily.reduce((sum, f) => sum + f.n, 0);
    const violations = forFamily.filter((f) => f.severity === 'violation').reduce((sum, f) => sum + f.n, 0);
    let state: TSeparationState;
    if (!caseRow) state = violations > 0 ? 'issues' : 'no_case';
    else if (caseRow.state === 'exempt') state = 'exempt';
    else if (violations > 0) state = 'issues';
    else if (caseRow.state === 'decoupled') state = 'done';
    else if (NOT_STARTED.has(caseRow.state)) state = 'not_started';
    else state = 'in_progress';
    return { id, title: SEPARATION_TITLES[id], state, openFindings: total };
  });
}
