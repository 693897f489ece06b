import { describe, expect, it } from 'vitest';
import { actorKindOf, checkTransition } from '../../../../src/core/findings/workflow.ts';
import { ApiError } from '../../api/http.ts';
import { FINDING_STATUSES, ROLES } from '../../api/types.ts';
import { allowedTransitions, needsReason, sideOf, TRANSITIONS, transitionErrorTitle } from './transitions.ts';

describe('allowedTransitions', () => {
  it('lets a regulator acknowledge, appeal or waive an open finding', () => {
    expect(allowedTransitions({ status: 'open', role: 'regulator' })).toEqual([
      'acknowledged',
      'appealed',
      'waived',
    ]);
  });

  it('lets an association only acknowledge or appeal, never rectify or waive', () => {
    expect(allowedTransitions({ status: 'open', role: 'association' })).toEqual(['acknowledged', 'appealed']);
    expect(allowedTransitions({ status: 'acknowledged', role: 'association' })).toEqual(['appealed']);
    expect(allowedTransitions({ status: 'acknowledged', role: 'organ' })).toEqual(['appealed']);
  });

  it('gives an association no move on an appealed, rectified or waived finding', () => {
    for (const status of ['appealed', 'rectified', 'waived'] as const) {
      expect(allowedTransitions({ status, role: 'association' })).toEqual([]);
    }
  });

  it('shows inspectors and auditors no buttons in any status', () => {
    for (const status of FINDING_STATUSES) {
      expect(allowedTransitions({ status, role: 'inspector' })).toEqual([]);
      expect(allowedTransitions({ status, role: 'auditor' })).toEqual([]);
    }
  });

  it('lets an admin decide an appeal either way and reopen a closed finding', () => {
    expect(allowedTransitions({ status: 'appealed', role: 'admin' })).toEqual(['open', 'waived']);
    expect(allowedTransitions({ status: 'rectified', role: 'admin' })).toEqual(['open']);
    expect(allowedTransitions({ status: 'waived', role: 'admin' })).toEqual(['open']);
  });

  it('never offers a move to the status the finding already has', () => {
    for (const role of ROLES) {
      for (const status of FINDING_STATUSES) {
        expect(allowedTransitions({ status, role })).not.toContain(status);
      }
    }
  });
});

describe('needsReason and sideOf', () => {
  it('asks for a reason to waive, appeal or reopen but not to acknowledge or rectify', () => {
    expect(FINDING_STATUSES.filter(needsReason)).toEqual(['open', 'waived', 'appealed']);
  });

  it('puts every role on exactly one side', () => {
    expect(ROLES.map(sideOf)).toEqual(['supervisor', 'subject', 'subject', 'reader', 'reader', 'supervisor']);
  });
});

describe('agreement with the server workflow', () => {
  it('offers exactly the moves the server accepts with a reason, for every role and status', () => {
    for (const role of ROLES) {
      for (const from of FINDING_STATUSES) {
        const accepted = FINDING_STATUSES.filter(
          (to) => checkTransition({ from, to, actor: actorKindOf(role), reason: 'checked' }).ok,
        );
        const offered = allowedTransitions({ status: from, role });
        expect([...offered].sort(), `${role} on ${from}`).toEqual([...accepted].sort());
      }
    }
  });

  it('asks for a reason exactly where the server refuses a move without one', () => {
    for (const from of FINDING_STATUSES) {
      for (const to of TRANSITIONS[from]) {
        const check = checkTransition({ from, to, actor: 'supervisor', reason: '' });
        expect(needsReason(to), `${from} → ${to}`).toBe(!check.ok && check.code === 'reason');
      }
    }
  });
});

describe('transitionErrorTitle', () => {
  it('names a move someone else made first, a forbidden move and a missing reason', () => {
    expect(transitionErrorTitle(new ApiError(409, 'conflict', 'moved'))).toBe('finding.transition.conflict');
    expect(transitionErrorTitle(new ApiError(403, 'forbidden', 'no'))).toBe('finding.transition.forbidden');
    expect(transitionErrorTitle(new ApiError(403, 'outside_scope', 'no'))).toBe(
      'finding.transition.forbidden',
    );
    expect(transitionErrorTitle(new ApiError(400, 'validation_failed', 'reason'))).toBe(
      'finding.reason.required',
    );
  });

  it('falls back to a general failure for network trouble and other errors', () => {
    expect(transitionErrorTitle(new ApiError(0, 'network_error', 'offline'))).toBe(
      'finding.transition.failed',
    );
    expect(transitionErrorTitle(new Error('boom'))).toBe('finding.transition.failed');
  });
});
