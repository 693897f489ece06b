/**
 * The workflow of a finding: open → acknowledged → rectified / waived / appealed; an appeal is decided
 * back to open (appeal rejected) or to waived (appeal upheld). Pure: who may do what and which moves
 * are legal; the repository applies a move and audits it in one transaction.
 */

import type { TUserRole } from '../../db/repositories/users.repository.ts';
import { addDays } from '../policy/dates.ts';

export const FINDING_STATUSES = ['open', 'acknowledged', 'rectified', 'waived', 'appealed'] as const;
export type TFindingStatus = (typeof FINDING_STATUSES)[number];

/** The legal moves from each status. */
export const TRANSITIONS: Readonly<Record<TFindingStatus, readonly TFindingStatus[]>> = {
  open: ['acknowledged', 'appealed', 'waived'],
  acknowledged: ['rectified', 'waived', 'appealed'],
  appealed: ['open', 'waived'],
  rectified: ['open'],
  waived: ['open'],
};

/** Days an association has to rectify once a finding is acknowledged, unless a deadline is given. */
export const DEFAULT_RECTIFICATION_DAYS = 90;

/** The side of the finding the caller is on: the supervising regulator, or the association (or its organ). */
export type TFindingActorKind = 'supervisor' | 'subject' | 'reader';

/** Which side a role acts for: regulators and admins supervise, organs and associations answer, the rest read. */
export function actorKindOf(role: TUserRole): TFindingActorKind {
  switch (role) {
    case 'regulator':
    case 'admin':
      return 'supervisor';
    case 'organ':
    case 'association':
      return 'subject';
    case 'inspector':
    case 'auditor':
      return 'reader';
    default: {
      const never: never = role;
      throw new Error(`unhandled role ${String(never)}`);
    }
  }
}

/** Moves the association's side may make on its own findings: acknowledge and appeal. */
const SUBJECT_MOVES: readonly TFindingStatus[] = ['acknowledged', 'appealed'];

export type CheckTransitionOptions = {
  from: TFindingStatus;
  to: TFindingStatus;
  actor: TFindingActorKind;
  reason: string | null | undefined;
};

export type TTransitionCheck =
  | { ok: true }
  | { ok: false; code: 'illegal' | 'forbidden' | 'reason'; message: string };

/**
 * Whether a move is allowed: it must be a legal move of the workflow, the caller's side must be
 * entitled to it, and waiving, appealing and reopening need a reason.
 */
export function checkTransition({ from, to, actor, reason }: CheckTransitionOptions): TTransitionCheck {
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from];
    return {
      ok: false,
      code: 'illegal',
      message: `A finding that is ${from} cannot become ${to}; from ${from} it can become ${allowed.join(', ')}`,
    };
  }
  if (actor === 'reader')
    return { ok: false, code: 'forbidden', message: 'Your role may read findings but not change them' };
  if (actor === 'subject' && !SUBJECT_MOVES.includes(to))
    return {
      ok: false,
      code: 'forbidden',
      message: `Only a regulator may mark a finding ${to}; an organ or association may acknowledge or appeal`,
    };
  if ((to === 'waived' || to === 'appealed' || to === 'open') && !reason?.trim())
    return { ok: false, code: 'reason', message: `Marking a finding ${to} needs a reason` };
  return { ok: true };
}

/**
 * The rectification deadline after a move: acknowledging sets one (the given one, or the default
 * period from `today`); other moves keep the current one, except reopening, which clears it.
 */
export function deadlineAfter(options: {
  to: TFindingStatus;
  current: string | null;
  requested: string | null | undefined;
  today: string;
}): string | null {
  if (options.to === 'acknowledged')
    return options.requested ?? addDays(options.today, DEFAULT_RECTIFICATION_DAYS);
  if (options.to === 'open') return null;
  return options.current;
}

/** True when a finding's rectification deadline has passed without it being rectified or waived. */
export function isOverdue(
  finding: { status: TFindingStatus; deadline: string | null },
  today: string,
): boolean {
  return (
    finding.deadline !== null &&
    finding.deadline < today &&
    (finding.status === 'acknowledged' || finding.status === 'open')
  );
}
