/**
 * The state machine of a decoupling case. Every legal move is one row of `CASE_TRANSITIONS`: from,
 * to, the roles that may make it, the inputs it needs and the guards it must pass. `transitionCase`
 * applies a move or refuses it with a code and a message in Chinese and English; the caller stores
 * the new case and the event in one transaction (the event is the audit record: who, when, from,
 * to, why).
 *
 * Which cases an account may act on (its region, organ or association) is the API's scope check;
 * this module decides which role may make which move.
 */

import type { TFindingStatus } from '../findings/workflow.ts';
import type { TRuleId, TSeverity, TTemplate } from '../policy/types.ts';
import { BUILT_IN_BATCHES, deadlinesFor, findBatch, type TBatch } from './batches.ts';
import type { TChecklistEntry } from './checklist.ts';
import { EVIDENCE_TYPE_SPECS } from './evidence.ts';
import { dayOf } from './instants.ts';
import {
  ACTIVE_CASE_STATES,
  BLOCKED_REASONS,
  type TActiveCaseState,
  type TActor,
  type TActorRole,
  type TBlockedReason,
  type TCase,
  type TCaseEvent,
  type TCaseState,
  type TEvidenceRef,
  type TRefusal,
} from './types.ts';

/** What a move needs from the caller. */
export const CASE_INPUTS = ['reason', 'blocked_reason', 'approval_ref', 'plan_document'] as const;
export type TCaseInput = (typeof CASE_INPUTS)[number];

/**
 * `listed_batch`: the case's batch is a decoupling list, not dual management;
 * `checklist_submitted`: no checklist item is still open;
 * `checklist_complete`: every item is signed off, or waived with a reason;
 * `no_open_violation`: no `violation` finding is open, acknowledged or under appeal;
 * `resumes_where_blocked`: a blocked case resumes only in the state it was blocked from.
 */
export const CASE_GUARDS = [
  'listed_batch',
  'checklist_submitted',
  'checklist_complete',
  'no_open_violation',
  'resumes_where_blocked',
] as const;
export type TCaseGuard = (typeof CASE_GUARDS)[number];

export type TCaseTransition = {
  from: TCaseState;
  to: TCaseState;
  roles: readonly TActorRole[];
  inputs: readonly TCaseInput[];
  guards: readonly TCaseGuard[];
  title: TTemplate;
};

/** The MIME types accepted for a plan document. */
export const PLAN_DOCUMENT_TYPES: readonly string[] = [
  EVIDENCE_TYPE_SPECS.pdf.mimeType,
  EVIDENCE_TYPE_SPECS.docx.mimeType,
];

const ASSOCIATION_SIDE: readonly TActorRole[] = ['association', 'organ', 'admin'];
const REGULATOR_SIDE: readonly TActorRole[] = ['regulator', 'admin'];

const MAIN_PATH: readonly TCaseTransition[] = [
  {
    from: 'listed',
    to: 'plan_drafted',
    roles: ASSOCIATION_SIDE,
    inputs: [],
    guards: ['listed_batch'],
    title: { zh: '起草脱钩方案', en: 'Start drafting the plan' },
  },
  {
    from: 'plan_drafted',
    to: 'plan_submitted',
    roles: ASSOCIATION_SIDE,
    inputs: ['plan_document'],
    guards: [],
    title: { zh: '报送脱钩方案', en: 'Submit the plan' },
  },
  {
    from: 'plan_submitted',
    to: 'plan_returned',
    roles: REGULATOR_SIDE,
    inputs: ['reason'],
    guards: [],
    title: { zh: '退回方案修改', en: 'Return the plan for revision' },
  },
  {
    from: 'plan_submitted',
    to: 'plan_approved',
    roles: REGULATOR_SIDE,
    inputs: ['approval_ref'],
    guards: [],
    title: { zh: '批复方案', en: 'Approve the plan' },
  },
  {
    from: 'plan_returned',
    to: 'plan_drafted',
    roles: ASSOCIATION_SIDE,
    inputs: [],
    guards: [],
    title: { zh: '修改方案', en: 'Revise the plan' },
  },
  {
    from: 'plan_approved',
    to: 'executing',
    roles: ['association', 'organ', 'regulator', 'admin'],
    inputs: [],
    guards: [],
    title: { zh: '开始实施', en: 'Start carrying out the plan' },
  },
  {
    from: 'executing',
    to: 'verification',
    roles: ['association', 'admin'],
    inputs: [],
    guards: ['checklist_submitted'],
    title: { zh: '申请验收', en: 'Ask for verification' },
  },
  {
    from: 'verification',
    to: 'executing',
    roles: REGULATOR_SIDE,
    inputs: ['reason'],
    guards: [],
    title: { zh: '验收不通过，退回整改', en: 'Send back from verification' },
  },
  {
    from: 'verification',
    to: 'decoupled',
    roles: REGULATOR_SIDE,
    inputs: [],
    guards: ['checklist_complete', 'no_open_violation'],
    title: { zh: '验收通过，完成脱钩', en: 'Verify and close as decoupled' },
  },
];

/** Every legal move of a case. */
export const CASE_TRANSITIONS: readonly TCaseTransition[] = [
  ...MAIN_PATH,
  ...ACTIVE_CASE_STATES.map(
    (from): TCaseTransition => ({
      from,
      to: 'blocked',
      roles: REGULATOR_SIDE,
      inputs: ['blocked_reason', 'reason'],
      guards: [],
      title: { zh: '认定受阻', en: 'Mark as blocked' },
    }),
  ),
  ...ACTIVE_CASE_STATES.map(
    (to): TCaseTransition => ({
      from: 'blocked',
      to,
      roles: REGULATOR_SIDE,
      inputs: ['reason'],
      guards: ['resumes_where_blocked'],
      title: { zh: '解除受阻，恢复办理', en: 'Resume the case' },
    }),
  ),
  ...[...ACTIVE_CASE_STATES, 'blocked' as const].map(
    (from): TCaseTransition => ({
      from,
      to: 'exempt',
      roles: REGULATOR_SIDE,
      inputs: ['approval_ref'],
      guards: [],
      title: { zh: '经批准豁免脱钩（特殊职能）', en: 'Exempt by approval (special functions)' },
    }),
  ),
];

export const CASE_STATE_TITLES: Readonly<Record<TCaseState, TTemplate>> = {
  listed: { zh: '已列入名单', en: 'Listed' },
  plan_drafted: { zh: '方案起草中', en: 'Plan being drafted' },
  plan_submitted: { zh: '方案已报送', en: 'Plan submitted' },
  plan_returned: { zh: '方案被退回', en: 'Plan returned' },
  plan_approved: { zh: '方案已批复', en: 'Plan approved' },
  executing: { zh: '实施中', en: 'Executing' },
  verification: { zh: '验收中', en: 'Under verification' },
  decoupled: { zh: '已脱钩', en: 'Decoupled' },
  blocked: { zh: '受阻', en: 'Blocked' },
  exempt: { zh: '豁免', en: 'Exempt' },
};

export const ROLE_TITLES: Readonly<Record<TActorRole, TTemplate>> = {
  regulator: { zh: '登记管理机关/联合工作组', en: 'regulator' },
  organ: { zh: '原业务主管单位', en: 'former supervising organ' },
  association: { zh: '协会', en: 'association' },
  inspector: { zh: '检查人员', en: 'inspector' },
  auditor: { zh: '审计/纪检人员', en: 'auditor' },
  admin: { zh: '系统管理员', en: 'administrator' },
};

export const BLOCKED_REASON_TITLES: Readonly<Record<TBlockedReason, TTemplate>> = {
  policy_gap: { zh: '政策缺口', en: 'policy gap' },
  insufficient_work: { zh: '工作不力', en: 'insufficient work' },
};

export type TCaseRefusalCode =
  | 'illegal_transition'
  | 'role_not_allowed'
  | 'missing_reason'
  | 'missing_blocked_reason'
  | 'missing_approval_ref'
  | 'missing_plan_document'
  | 'not_listed'
  | 'checklist_missing'
  | 'checklist_open'
  | 'checklist_incomplete'
  | 'open_violation'
  | 'wrong_resume_state';

/** A finding of the case's association, as far as the guards need it. */
export type TCaseFinding = {
  ruleId: TRuleId;
  severity: TSeverity;
  status: TFindingStatus;
  fingerprint: string;
};

export type TCaseTransitionInput = {
  /** Why: the return or send-back reason, the blocked note, the resume reason, an exemption note. */
  reason?: string | null;
  blockedReason?: TBlockedReason | null;
  /** The approval reference (批复文号) of a plan approval or an exemption. */
  approvalRef?: string | null;
  /** The plan document, when submitting the plan (checked with `checkEvidence` beforehand). */
  evidence?: readonly TEvidenceRef[];
};

export type TransitionCaseOptions = {
  case: TCase;
  to: TCaseState;
  actor: TActor;
  input?: TCaseTransitionInput;
  /** The case's checklist progress; needed for verification and closure. */
  checklist?: readonly TChecklistEntry[];
  /** The association's findings; only `violation` ones that are not rectified or waived block closure. */
  openFindings?: readonly TCaseFinding[];
  /** The instant of the move, ISO 8601 with an offset; its date part is the day recorded on the case. */
  at: string;
  batches?: readonly TBatch[];
};

export type TCaseTransitionResult =
  | { ok: true; case: TCase; event: TCaseEvent }
  | { ok: false; refusal: TRefusal<TCaseRefusalCode> };

function refuse(code: TCaseRefusalCode, zh: string, en: string): TCaseTransitionResult {
  return { ok: false, refusal: { code, zh, en } };
}

const stateZh = (s: TCaseState) => `“${CASE_STATE_TITLES[s].zh}”`;
const stateEn = (s: TCaseState) => `"${CASE_STATE_TITLES[s].en.toLowerCase()}"`;

/** Findings that still stand against the association. */
const UNRESOLVED: readonly TFindingStatus[] = ['open', 'acknowledged', 'appealed'];

/** The moves out of a state, resolved for a blocked case to the one state it can resume in. */
function movesFrom(c: TCase): readonly TCaseTransition[] {
  return CASE_TRANSITIONS.filter(
    (t) => t.from === c.state && (c.state !== 'blocked' || t.to === 'exempt' || t.to === c.blocked?.from),
  );
}

export type AllowedTransitionsOptions = { case: TCase; role: TActorRole };

/**
 * The moves a role may make on a case now, with the inputs each needs and the guards it must pass
 * (guards are checked by `transitionCase`, not here), for the UI to offer.
 */
export function allowedTransitions({ case: c, role }: AllowedTransitionsOptions): TCaseTransition[] {
  return movesFrom(c).filter((t) => t.roles.includes(role));
}

/**
 * Makes one move of a case, or refuses it. Checked in order: the move is legal from the present
 * state, the actor's role may make it, the inputs are given, and the guards hold. On success the new
 * case carries the day of the move where it matters (plan submitted, approved, decoupled) and the
 * event records who, when, from, to and why.
 */
export function transitionCase({
  case: c,
  to,
  actor,
  input = {},
  checklist,
  openFindings = [],
  at,
  batches = BUILT_IN_BATCHES,
}: TransitionCaseOptions): TCaseTransitionResult {
  const day = dayOf(at);
  const transition = CASE_TRANSITIONS.find((t) => t.from === c.state && t.to === to);
  if (!transition) {
    const next = movesFrom(c).map((t) => t.to);
    const nextZh = next.length > 0 ? `可转为：${next.map(stateZh).join('、')}` : '该状态为终结状态';
    const nextEn = next.length > 0 ? `it can become ${next.map(stateEn).join(', ')}` : 'that state is final';
    return refuse(
      'illegal_transition',
      `案件 ${c.id} 处于${stateZh(c.state)}，不能转为${stateZh(to)}；${nextZh}。`,
      `Case ${c.id} is ${stateEn(c.state)} and cannot become ${stateEn(to)}; ${nextEn}.`,
    );
  }
  if (!transition.roles.includes(actor.role)) {
    return refuse(
      'role_not_allowed',
      `${ROLE_TITLES[actor.role].zh}不能将案件 ${c.id} 由${stateZh(c.state)}转为${stateZh(to)}（${transition.title.zh}）；只有${transition.roles.map((r) => ROLE_TITLES[r].zh).join('、')}可以。`,
      `The ${ROLE_TITLES[actor.role].en} role may not move case ${c.id} from ${stateEn(c.state)} to ${stateEn(to)} (${transition.title.en.toLowerCase()}); only: ${transition.roles.map((r) => ROLE_TITLES[r].en).join(', ')}.`,
    );
  }

  const reason = input.reason?.trim() || null;
  const approvalRef = input.approvalRef?.trim() || null;
  const blockedReason = input.blockedReason ?? null;
  const evidence = input.evidence ?? [];
  for (const needed of transition.inputs) {
    switch (needed) {
      case 'reason':
        if (reason === null) {
          return refuse(
            'missing_reason',
            `${transition.title.zh}须填写理由。`,
            `${transition.title.en} needs a reason.`,
          );
        }
        break;
      case 'blocked_reason':
        if (blockedReason === null || !BLOCKED_REASONS.includes(blockedReason)) {
          return refuse(
            'missing_blocked_reason',
            '认定受阻须将原因归类为“政策缺口”或“工作不力”。',
            'Marking a case blocked needs the reason classified as policy_gap or insufficient_work.',
          );
        }
        break;
      case 'approval_ref':
        if (approvalRef === null) {
          return refuse(
            'missing_approval_ref',
            `${transition.title.zh}须填写批准文号。`,
            `${transition.title.en} needs the approval reference.`,
          );
        }
        break;
      case 'plan_document': {
        const plan = evidence.filter(
          (e) =>
            e.kind === 'plan_document' &&
            PLAN_DOCUMENT_TYPES.includes(e.mimeType) &&
            /^[0-9a-f]{64}$/.test(e.sha256),
        );
        if (plan.length === 0) {
          return refuse(
            'missing_plan_document',
            '报送方案须附方案文件（PDF 或 DOCX，附内容哈希）。',
            'Submitting the plan needs the plan document (PDF or DOCX, with its content hash).',
          );
        }
        break;
      }
      default: {
        const never: never = needed;
        throw new Error(`unhandled input ${String(never)}`);
      }
    }
  }

  for (const guard of transition.guards) {
    const refusal = checkGuard(guard, { c, to, checklist, openFindings, batches });
    if (refusal) return refusal;
  }

  const next: TCase = { ...c, state: to, version: c.version + 1 };
  // Resuming returns to where the case stood: the days it recorded then (plan submitted or approved)
  // stay as they were.
  const resuming = c.state === 'blocked' && to !== 'exempt';
  if (resuming) next.blocked = null;
  else
    switch (to) {
      case 'plan_submitted':
        next.planSubmittedOn = day;
        break;
      case 'plan_approved':
        next.planApprovedOn = day;
        next.planApprovalRef = approvalRef;
        break;
      case 'decoupled':
        next.decoupledOn = day;
        break;
      case 'blocked':
        next.blocked = {
          reason: blockedReason!,
          note: reason!,
          from: c.state as TActiveCaseState,
          since: day,
        };
        next.lastBlockedReason = blockedReason;
        break;
      case 'exempt':
        next.exemption = { approvalRef: approvalRef!, note: reason, on: day };
        next.blocked = null;
        break;
      case 'listed':
      case 'plan_drafted':
      case 'plan_returned':
      case 'executing':
      case 'verification':
        break;
      default: {
        const never: never = to;
        throw new Error(`unhandled state ${String(never)}`);
      }
    }
  return {
    ok: true,
    case: next,
    event: {
      caseId: c.id,
      version: next.version,
      actor,
      at,
      from: c.state,
      to,
      reason,
      blockedReason: to === 'blocked' ? blockedReason : null,
      approvalRef: transition.inputs.includes('approval_ref') ? approvalRef : null,
      evidence: transition.inputs.includes('plan_document') ? evidence : [],
    },
  };
}

type TGuardContext = {
  c: TCase;
  to: TCaseState;
  checklist: readonly TChecklistEntry[] | undefined;
  openFindings: readonly TCaseFinding[];
  batches: readonly TBatch[];
};

function checkGuard(
  guard: TCaseGuard,
  { c, to, checklist, openFindings, batches }: TGuardContext,
): TCaseTransitionResult | null {
  switch (guard) {
    case 'listed_batch': {
      const batch = findBatch({ batch: c.batch, batches });
      if (batch.kind === 'dual_management') {
        return refuse(
          'not_listed',
          `案件 ${c.id} 所属“${batch.title.zh}”尚未列入脱钩名单，须先列入批次再起草方案。`,
          `Case ${c.id} is under "${batch.title.en}" and not on a decoupling list; put it in a batch before drafting a plan.`,
        );
      }
      return null;
    }
    case 'checklist_submitted':
    case 'checklist_complete': {
      if (!checklist || checklist.length === 0) {
        return refuse(
          'checklist_missing',
          `案件 ${c.id} 没有五分离清单，不能进入验收或结案。`,
          `Case ${c.id} has no five-separation checklist, so it cannot be verified or closed.`,
        );
      }
      if (guard === 'checklist_submitted') {
        const open = checklist.filter((e) => e.state === 'open').map((e) => e.itemId);
        if (open.length > 0) {
          return refuse(
            'checklist_open',
            `申请验收前须为每个清单项提交材料或经批准豁免；尚未办理：${open.join('、')}。`,
            `Before verification every checklist item needs evidence or a waiver; still open: ${open.join(', ')}.`,
          );
        }
        return null;
      }
      const undone = checklist
        .filter((e) => !(e.state === 'signed_off' || (e.state === 'waived' && e.reason?.trim())))
        .map((e) => e.itemId);
      if (undone.length > 0) {
        return refuse(
          'checklist_incomplete',
          `结案须每个清单项均已确认或附理由豁免；未完成：${undone.join('、')}。`,
          `Closing needs every checklist item signed off or waived with a reason; not done: ${undone.join(', ')}.`,
        );
      }
      return null;
    }
    case 'no_open_violation': {
      const open = openFindings.filter((f) => f.severity === 'violation' && UNRESOLVED.includes(f.status));
      if (open.length > 0) {
        const rules = [...new Set(open.map((f) => f.ruleId))].sort();
        return refuse(
          'open_violation',
          `尚有 ${open.length} 项未整改的违规问题（${rules.join('、')}），整改或附理由豁免后方可结案。`,
          `${open.length} violation finding(s) are still open (${rules.join(', ')}); rectify or waive them with a reason before closing.`,
        );
      }
      return null;
    }
    case 'resumes_where_blocked':
      if (c.blocked && c.blocked.from !== to) {
        return refuse(
          'wrong_resume_state',
          `案件 ${c.id} 受阻前处于${stateZh(c.blocked.from)}，只能恢复到该状态。`,
          `Case ${c.id} was ${stateEn(c.blocked.from)} when blocked and can only resume there.`,
        );
      }
      return null;
    default: {
      const never: never = guard;
      throw new Error(`unhandled guard ${String(never)}`);
    }
  }
}

export type OpenCaseOptions = {
  id: string;
  associationUscc: string;
  batch: string;
  jurisdiction: string;
  /** The day the association was put on the list; the batch's list date when omitted. */
  listedOn?: string | null;
  batches?: readonly TBatch[];
};

/** A new case in state `listed`, with the deadlines of its batch for its jurisdiction. */
export function openCase({
  id,
  associationUscc,
  batch,
  jurisdiction,
  listedOn,
  batches = BUILT_IN_BATCHES,
}: OpenCaseOptions): TCase {
  const found = findBatch({ batch, batches });
  const deadlines = deadlinesFor({ batch, jurisdiction, batches });
  return {
    id,
    associationUscc,
    batch,
    jurisdiction,
    state: 'listed',
    listedOn: listedOn === undefined ? found.listedOn : listedOn,
    planDeadline: deadlines.planDeadline,
    completionDeadline: deadlines.completionDeadline,
    planSubmittedOn: null,
    planApprovedOn: null,
    planApprovalRef: null,
    decoupledOn: null,
    blocked: null,
    lastBlockedReason: null,
    exemption: null,
    version: 0,
  };
}
