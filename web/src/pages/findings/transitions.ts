import { ApiError } from '../../api/http.ts';
import type { TFindingStatus, TRole } from '../../api/types.ts';
import type { TMessageId } from '../../i18n/index.ts';

/**
 * The finding workflow as the server enforces it: open → acknowledged → rectified / waived / appealed;
 * an appeal goes back to open (rejected) or to waived (upheld); a closed finding can be reopened.
 * The web app only uses it to decide which buttons to show; the server checks every move again.
 */
export const TRANSITIONS: Readonly<Record<TFindingStatus, readonly TFindingStatus[]>> = {
  open: ['acknowledged', 'appealed', 'waived'],
  acknowledged: ['rectified', 'waived', 'appealed'],
  appealed: ['open', 'waived'],
  rectified: ['open'],
  waived: ['open'],
};

/** Which side of a finding a role is on: the supervisor decides, the subject answers, the rest read. */
export type TFindingSide = 'supervisor' | 'subject' | 'reader';

/** The side a role acts for: regulators and admins supervise, organs and associations answer. */
export function sideOf(role: TRole): TFindingSide {
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

const SUBJECT_MOVES: readonly TFindingStatus[] = ['acknowledged', 'appealed'];

export type TAllowedTransitionsOptions = { status: TFindingStatus; role: TRole };

/** The moves a user of the given role may make on a finding in the given status, in workflow order. */
export function allowedTransitions({ status, role }: TAllowedTransitionsOptions): TFindingStatus[] {
  const side = sideOf(role);
  if (side === 'reader') return [];
  return TRANSITIONS[status].filter((to) => side === 'supervisor' || SUBJECT_MOVES.includes(to));
}

/** Waiving, appealing and reopening must say why; the reason is kept in the status history. */
export function needsReason(to: TFindingStatus): boolean {
  return to === 'waived' || to === 'appealed' || to === 'open';
}

/**
 * The headline for a refused move: someone else moved the finding first or the move is no longer
 * legal (409), the role may not make it (403), or the reason is missing (400); the server's message
 * is shown under it in every case.
 */
export function transitionErrorTitle(error: Error): TMessageId {
  if (!(error instanceof ApiError)) return 'finding.transition.failed';
  if (error.status === 409 || error.code === 'conflict') return 'finding.transition.conflict';
  if (error.status === 403) return 'finding.transition.forbidden';
  if (error.status === 400 || error.code === 'validation_failed') return 'finding.reason.required';
  return 'finding.transition.failed';
}
