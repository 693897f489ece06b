/**
 * The life of a complaint: received → assigned → investigating → resolved (the outcome is published)
 * or dismissed (with a reason), with deadlines in working days from receipt. The complainant is not
 * part of this record: who filed it stays with the intake, so nothing here can leak onto the portal.
 */

import { workingDays } from '../credit/working-days.ts';
import type { TDate, TWorkingDayCalendar } from '../policy/dates.ts';
import type { TTemplate } from '../policy/types.ts';
import type { TComplaintClassification, TComplaintFamily } from './classify.ts';

export type TComplaintState = 'received' | 'assigned' | 'investigating' | 'resolved' | 'dismissed';

/** Working days from receipt to assignment and to a decision; the regulator's settings. */
export type TComplaintParams = { assignWorkingDays: number; resolveWorkingDays: number };

export type TComplaint = {
  trackingCode: string;
  associationUscc: string;
  receivedOn: TDate;
  state: TComplaintState;
  family: TComplaintFamily | null;
  feeRule: string | null;
  feeItemId: string | null;
  /** Regulator account handling it; internal, never published. */
  assignee: string | null;
  assignBy: TDate;
  resolveBy: TDate;
  closedOn: TDate | null;
  /** The published outcome of a resolved complaint. */
  outcome: TTemplate | null;
  dismissalReason: TTemplate | null;
  history: readonly { on: TDate; state: TComplaintState }[];
};

export type ReceiveComplaintOptions = {
  trackingCode: string;
  associationUscc: string;
  receivedOn: TDate;
  classification: TComplaintClassification;
  calendar: TWorkingDayCalendar;
  params: TComplaintParams;
};

/** A newly received complaint with its deadlines. */
export function receiveComplaint({
  trackingCode,
  associationUscc,
  receivedOn,
  classification,
  calendar,
  params,
}: ReceiveComplaintOptions): TComplaint {
  return {
    trackingCode,
    associationUscc,
    receivedOn,
    state: 'received',
    family: classification.primary,
    feeRule: classification.feeRule,
    feeItemId: classification.feeItemId,
    assignee: null,
    assignBy: workingDays.add(calendar, receivedOn, params.assignWorkingDays).date,
    resolveBy: workingDays.add(calendar, receivedOn, params.resolveWorkingDays).date,
    closedOn: null,
    outcome: null,
    dismissalReason: null,
    history: [{ on: receivedOn, state: 'received' }],
  };
}

export type TComplaintAction =
  | { type: 'assign'; assignee: string }
  | { type: 'start' }
  | { type: 'resolve'; outcome: TTemplate }
  | { type: 'dismiss'; reason: TTemplate }
  /** Corrects the family when the classification was wrong or undecided. */
  | { type: 'reclassify'; family: TComplaintFamily; feeRule: string | null };

export type TComplaintRefusal = { code: string; zh: string; en: string };

export type TransitionComplaintOptions = { complaint: TComplaint; action: TComplaintAction; on: TDate };

const STATE_NAMES: Record<TComplaintState, TTemplate> = {
  received: { zh: '已受理', en: 'received' },
  assigned: { zh: '已分派', en: 'assigned' },
  investigating: { zh: '调查中', en: 'under investigation' },
  resolved: { zh: '已办结', en: 'resolved' },
  dismissed: { zh: '不予处理', en: 'dismissed' },
};

const ALLOWED: Record<TComplaintAction['type'], readonly TComplaintState[]> = {
  assign: ['received', 'assigned', 'investigating'],
  start: ['assigned'],
  resolve: ['investigating'],
  dismiss: ['received', 'assigned', 'investigating'],
  reclassify: ['received', 'assigned', 'investigating'],
};

/** The next state of a complaint, or why the step is refused. */
export function transitionComplaint({
  complaint,
  action,
  on,
}: TransitionComplaintOptions):
  | { ok: true; complaint: TComplaint }
  | { ok: false; refusal: TComplaintRefusal } {
  const refuse = (code: string, zh: string, en: string) => ({
    ok: false as const,
    refusal: { code, zh, en },
  });
  const allowed = ALLOWED[action.type];
  if (!allowed.includes(complaint.state)) {
    const name = STATE_NAMES[complaint.state];
    return refuse(
      'wrong_state',
      `举报${name.zh}，不能执行此操作（仅限：${allowed.map((s) => STATE_NAMES[s].zh).join('、')}）`,
      `The complaint is ${name.en}; this step needs it ${allowed.map((s) => STATE_NAMES[s].en).join(' or ')}`,
    );
  }
  const last = complaint.history.at(-1)?.on ?? complaint.receivedOn;
  if (on < last)
    return refuse(
      'before_previous_step',
      `日期 ${on} 早于上一步（${last}）`,
      `The date ${on} is before the previous step (${last})`,
    );
  const move = (state: TComplaintState, patch: Partial<TComplaint>): { ok: true; complaint: TComplaint } => ({
    ok: true,
    complaint: {
      ...complaint,
      ...patch,
      state,
      history: state === complaint.state ? complaint.history : [...complaint.history, { on, state }],
    },
  });
  switch (action.type) {
    case 'assign':
      if (action.assignee.trim() === '')
        return refuse('assignee_missing', '请指定承办人', 'Name who handles it');
      return move(complaint.state === 'received' ? 'assigned' : complaint.state, {
        assignee: action.assignee,
      });
    case 'start':
      return move('investigating', {});
    case 'resolve':
      if (action.outcome.zh.trim() === '') {
        return refuse(
          'outcome_missing',
          '办结须写明处理结果（将公开）',
          'Resolving needs the outcome, which is published',
        );
      }
      return move('resolved', { outcome: action.outcome, closedOn: on });
    case 'dismiss':
      if (action.reason.zh.trim() === '')
        return refuse('reason_missing', '不予处理须说明理由', 'Dismissing needs a reason');
      return move('dismissed', { dismissalReason: action.reason, closedOn: on });
    case 'reclassify':
      return move(complaint.state, {
        family: action.family,
        feeRule: action.family === 'FEE' ? action.feeRule : null,
      });
  }
}

export type TComplaintTimeliness = 'on_time' | 'assignment_overdue' | 'resolution_overdue';

/** Whether an open complaint has missed a deadline on `asOf` (closed ones are judged on closing day). */
export function complaintTimeliness(complaint: TComplaint, asOf: TDate): TComplaintTimeliness {
  const day = complaint.closedOn ?? asOf;
  if (day > complaint.resolveBy) return 'resolution_overdue';
  const assignedOn = complaint.history.find((h) => h.state === 'assigned')?.on ?? null;
  if ((assignedOn ?? day) > complaint.assignBy) return 'assignment_overdue';
  return 'on_time';
}

/** What the public sees under a tracking code: the state and the outcome, never who complained or who handles it. */
export type TPublicComplaint = {
  trackingCode: string;
  associationUscc: string;
  receivedOn: TDate;
  state: TComplaintState;
  stateName: TTemplate;
  family: TComplaintFamily | null;
  closedOn: TDate | null;
  outcome: TTemplate | null;
  dismissalReason: TTemplate | null;
};

/** The public view of a complaint. */
export function publicComplaint(complaint: TComplaint): TPublicComplaint {
  return {
    trackingCode: complaint.trackingCode,
    associationUscc: complaint.associationUscc,
    receivedOn: complaint.receivedOn,
    state: complaint.state,
    stateName: STATE_NAMES[complaint.state],
    family: complaint.family,
    closedOn: complaint.closedOn,
    outcome: complaint.outcome,
    dismissalReason: complaint.dismissalReason,
  };
}
