/**
 * Objections (异议) and credit repair (信用修复) as state machines. Each step either returns the next
 * state (and the credit event to record, where the step changes a listing) or a refusal that says, in
 * Chinese and English, why the step cannot be taken.
 *
 *   objection: filed → accepted → upheld | rejected;  filed → not_accepted
 *   repair:    submitted → approved | refused
 */

import type { TDate, TWorkingDayCalendar } from '../policy/dates.ts';
import type { TTemplate } from '../policy/types.ts';
import { OBJECTION_BASIS, removalBasis, type TCreditList, type TLegalBasis } from './basis.ts';
import type { TCreditEvent, TCreditTimeline } from './timeline.ts';
import { workingDays } from './working-days.ts';

/** A step that could not be taken, and why. */
export type TRefusal = { code: string; zh: string; en: string };

export type TStep<T> = { ok: true; value: T; event: TCreditEvent | null } | { ok: false; refusal: TRefusal };

/**
 * Time limits of the objection procedure, in working days. The order leaves them to the registrar's
 * procedure, so they are parameters with no legal default.
 */
export type TObjectionParams = { acceptWorkingDays: number; decideWorkingDays: number };

export type TObjectionState = 'filed' | 'accepted' | 'not_accepted' | 'upheld' | 'rejected';

export type TObjection = {
  id: string;
  list: TCreditList;
  entryId: string;
  state: TObjectionState;
  filedOn: TDate;
  /** Last day to decide whether to accept it. */
  acceptBy: TDate;
  acceptedOn: TDate | null;
  /** Last day to decide it, once accepted. */
  decideBy: TDate | null;
  decidedOn: TDate | null;
  /** What the organisation says is wrong. */
  statement: TTemplate;
  /** The registrar's answer (reason for not accepting or rejecting; the correction when upheld). */
  answer: TTemplate | null;
  basis: TLegalBasis;
};

function refuse(code: string, zh: string, en: string): { ok: false; refusal: TRefusal } {
  return { ok: false, refusal: { code, zh, en } };
}

function blank(text: TTemplate | undefined): boolean {
  return text === undefined || text.zh.trim() === '' || text.en.trim() === '';
}

const LIST_ZH: Record<TCreditList, string> = { abnormal: '活动异常名录', serious: '严重违法失信名单' };
const LIST_EN: Record<TCreditList, string> = { abnormal: 'the abnormal list', serious: 'the serious list' };

export type FileObjectionOptions = {
  id: string;
  list: TCreditList;
  filedOn: TDate;
  statement: TTemplate;
  /** The organisation's timeline on `filedOn`. */
  timeline: TCreditTimeline;
  /** Objections already on record for this organisation. */
  existing: readonly TObjection[];
  calendar: TWorkingDayCalendar;
  params: TObjectionParams;
};

/** Files an objection against the organisation's current listing on `list`. */
export function fileObjection({
  id,
  list,
  filedOn,
  statement,
  timeline,
  existing,
  calendar,
  params,
}: FileObjectionOptions): TStep<TObjection> {
  const listing = timeline[list];
  if (listing === null) {
    return refuse(
      'not_listed',
      `未列入${LIST_ZH[list]}，无可异议的记录`,
      `Not on ${LIST_EN[list]}: there is no record to object to`,
    );
  }
  if (blank(statement)) {
    return refuse(
      'statement_missing',
      '请说明异议的事实和理由',
      'State the facts and reasons of the objection',
    );
  }
  const pending = existing.find(
    (o) => o.entryId === listing.entryId && (o.state === 'filed' || o.state === 'accepted'),
  );
  if (pending) {
    return refuse(
      'objection_pending',
      `对同一列入记录的异议 ${pending.id} 尚在处理中`,
      `Objection ${pending.id} against the same listing is still being handled`,
    );
  }
  return {
    ok: true,
    event: null,
    value: {
      id,
      list,
      entryId: listing.entryId,
      state: 'filed',
      filedOn,
      acceptBy: workingDays.add(calendar, filedOn, params.acceptWorkingDays).date,
      acceptedOn: null,
      decideBy: null,
      decidedOn: null,
      statement,
      answer: null,
      basis: OBJECTION_BASIS,
    },
  };
}

export type TObjectionAction =
  | { type: 'accept' }
  | { type: 'not_accept'; reason: TTemplate }
  | { type: 'uphold'; correction: TTemplate }
  | { type: 'reject'; reason: TTemplate };

export type DecideObjectionOptions = {
  objection: TObjection;
  action: TObjectionAction;
  on: TDate;
  calendar: TWorkingDayCalendar;
  params: TObjectionParams;
};

/**
 * Takes the registrar's next step on an objection. Upholding it withdraws the listing: the returned
 * event records the removal (reason `objection_upheld`) in the credit history.
 */
export function decideObjection({
  objection,
  action,
  on,
  calendar,
  params,
}: DecideObjectionOptions): TStep<TObjection> {
  const last = objection.acceptedOn ?? objection.filedOn;
  if (on < last) {
    return refuse(
      'before_previous_step',
      `日期 ${on} 早于上一步（${last}）`,
      `The date ${on} is before the previous step (${last})`,
    );
  }
  const wrongState = (allowed: TObjectionState) =>
    refuse(
      'wrong_state',
      `异议处于“${objection.state}”状态，只有“${allowed}”状态可以执行此操作`,
      `The objection is ${objection.state}; this step needs it ${allowed}`,
    );
  switch (action.type) {
    case 'accept':
      if (objection.state !== 'filed') return wrongState('filed');
      return {
        ok: true,
        event: null,
        value: {
          ...objection,
          state: 'accepted',
          acceptedOn: on,
          decideBy: workingDays.add(calendar, on, params.decideWorkingDays).date,
        },
      };
    case 'not_accept':
      if (objection.state !== 'filed') return wrongState('filed');
      if (blank(action.reason))
        return refuse('reason_missing', '不予受理须说明理由', 'Not accepting needs a reason');
      return {
        ok: true,
        event: null,
        value: { ...objection, state: 'not_accepted', decidedOn: on, answer: action.reason },
      };
    case 'uphold':
      if (objection.state !== 'accepted') return wrongState('accepted');
      if (blank(action.correction))
        return refuse('correction_missing', '异议成立须说明更正内容', 'Upholding needs the correction made');
      return {
        ok: true,
        event: { kind: 'removed', on, list: objection.list, reason: 'objection_upheld' },
        value: { ...objection, state: 'upheld', decidedOn: on, answer: action.correction },
      };
    case 'reject':
      if (objection.state !== 'accepted') return wrongState('accepted');
      if (blank(action.reason))
        return refuse('reason_missing', '异议不成立须说明理由', 'Rejecting needs a reason');
      return {
        ok: true,
        event: null,
        value: { ...objection, state: 'rejected', decidedOn: on, answer: action.reason },
      };
  }
}

export type TRepairState = 'submitted' | 'approved' | 'refused';

/** An application for removal from a list (信用修复). */
export type TRepairApplication = {
  id: string;
  list: TCreditList;
  entryId: string;
  state: TRepairState;
  appliedOn: TDate;
  /** Last day for the registrar to remove the listing. */
  dueOn: TDate;
  decidedOn: TDate | null;
  reason: TTemplate | null;
  basis: TLegalBasis;
};

export type SubmitRepairOptions = {
  id: string;
  list: TCreditList;
  on: TDate;
  /** The organisation's timeline on `on`. */
  timeline: TCreditTimeline;
};

/**
 * Checks an application for removal against the timeline: refused while an obligation is not
 * fulfilled and verified, before the serious-list period has run, or where only deregistration ends
 * the listing. Accepted, it returns the application (due by the timeline's removal deadline) and, for
 * the serious list, the `removal_applied` event to record.
 */
export function submitRepair({ id, list, on, timeline }: SubmitRepairOptions): TStep<TRepairApplication> {
  const listing = timeline[list];
  if (listing === null) {
    return refuse(
      'not_listed',
      `未列入${LIST_ZH[list]}，无需申请移出`,
      `Not on ${LIST_EN[list]}: nothing to apply for`,
    );
  }
  const forList = timeline.due.filter((d) => d.entryId === listing.entryId && d.list === list);
  const waiting = forList.find((d) => d.action === 'remove' && d.state === 'waiting');
  if (waiting) {
    if (waiting.removalReason === 'deregistered') {
      return refuse(
        'deregistration_required',
        '因被撤销登记证书列入的，只能在注销登记后移出，不能申请信用修复',
        'Listed for a revoked certificate: removal follows deregistration, not an application',
      );
    }
    return refuse('obligation_unfulfilled', waiting.reason.zh, waiting.reason.en);
  }
  const chance = forList.find((d) => d.action === 'may_apply' || d.action === 'remove');
  if (!chance || chance.triggerOn === null) {
    return refuse('not_eligible', '当前不符合移出条件', 'The conditions for removal are not met');
  }
  if (chance.action === 'may_apply' && chance.triggerOn > on) {
    return refuse(
      'too_early',
      `列入严重违法失信名单未满期限，${chance.triggerOn} 起方可申请移出`,
      `The serious-list period has not run: apply from ${chance.triggerOn}`,
    );
  }
  if (chance.action === 'remove' && chance.removalReason === 'automatic' && chance.triggerOn > on) {
    return refuse(
      'automatic_removal',
      `无需整改事项，将于 ${chance.triggerOn} 自动移出，无需申请`,
      `Nothing to fix: removal is automatic on ${chance.triggerOn}, no application needed`,
    );
  }
  const dueOn = chance.dueOn ?? chance.triggerOn;
  const reason = list === 'serious' ? 'application' : (chance.removalReason ?? 'rectified');
  return {
    ok: true,
    event: list === 'serious' && chance.action === 'may_apply' ? { kind: 'removal_applied', on } : null,
    value: {
      id,
      list,
      entryId: listing.entryId,
      state: 'submitted',
      appliedOn: on,
      dueOn,
      decidedOn: null,
      reason: null,
      basis: removalBasis(list, reason),
    },
  };
}

export type DecideRepairOptions = {
  application: TRepairApplication;
  decision: { type: 'approve' } | { type: 'refuse'; reason: TTemplate };
  on: TDate;
};

/** Approves an application (returning the removal to record) or refuses it with a reason. */
export function decideRepair({ application, decision, on }: DecideRepairOptions): TStep<TRepairApplication> {
  if (application.state !== 'submitted') {
    return refuse(
      'already_decided',
      `申请已于 ${application.decidedOn} 作出决定`,
      `The application was decided on ${application.decidedOn}`,
    );
  }
  if (on < application.appliedOn) {
    return refuse(
      'before_application',
      `日期 ${on} 早于申请日 ${application.appliedOn}`,
      `The date ${on} is before the application (${application.appliedOn})`,
    );
  }
  if (decision.type === 'refuse') {
    if (blank(decision.reason))
      return refuse('reason_missing', '不予移出须说明理由', 'Refusing needs a reason');
    return {
      ok: true,
      event: null,
      value: { ...application, state: 'refused', decidedOn: on, reason: decision.reason },
    };
  }
  const reason = application.list === 'serious' ? 'application' : 'rectified';
  return {
    ok: true,
    event: { kind: 'removed', on, list: application.list, reason },
    value: {
      ...application,
      state: 'approved',
      decidedOn: on,
      reason: removalBasis(application.list, reason).summary,
    },
  };
}
