/**
 * Builders for the case tests: a case in any state, a complete checklist, a plan document and inputs
 * that satisfy every transition's needs, so a test states only what it varies.
 */

import { getPack } from '../policy/packs.ts';
import { generateChecklist, startChecklist, type TChecklistEntry } from './checklist.ts';
import type { TCaseTransitionInput } from './transitions.ts';
import { openCase } from './transitions.ts';
import type { TActiveCaseState, TActor, TActorRole, TCase, TCaseState, TEvidenceRef } from './types.ts';

export const HASH = 'a'.repeat(64);

export const PLAN_DOCUMENT: TEvidenceRef = {
  kind: 'plan_document',
  fileName: '脱钩实施方案.pdf',
  mimeType: 'application/pdf',
  size: 120_000,
  sha256: HASH,
};

/** Inputs that satisfy every move's needs. */
export const FULL_INPUT: TCaseTransitionInput = {
  reason: '按联合工作组意见处理',
  blockedReason: 'policy_gap',
  approvalRef: '联合工作组〔2019〕12号',
  evidence: [PLAN_DOCUMENT],
};

export function actorOf(role: TActorRole): TActor {
  return { role, userId: `${role}-1`, label: `${role} account` };
}

/** A case of the 2019 list in Zhejiang, in the given state (a blocked case blocked from `blockedFrom`). */
export function caseIn(state: TCaseState, blockedFrom: TActiveCaseState = 'executing'): TCase {
  const c = openCase({
    id: 'case-1',
    associationUscc: '51330000MJ0000001X',
    batch: 'rollout-2019',
    jurisdiction: '330100',
  });
  return {
    ...c,
    state,
    blocked:
      state === 'blocked'
        ? { reason: 'policy_gap', note: '事业单位划转政策未出台', from: blockedFrom, since: '2020-01-10' }
        : null,
    lastBlockedReason: state === 'blocked' ? 'policy_gap' : null,
  };
}

/** The national-2019 checklist with every item in the given state (waived items carry a reason). */
export function checklistAll(state: TChecklistEntry['state']): TChecklistEntry[] {
  return startChecklist(generateChecklist({ pack: getPack('national-2019') })).map((entry) => ({
    ...entry,
    state,
    reason: state === 'waived' ? '不适用：协会未办事业单位' : null,
  }));
}
