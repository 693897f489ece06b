import { describe, expect, it } from 'vitest';
import {
  actorKindOf,
  checkTransition,
  DEFAULT_RECTIFICATION_DAYS,
  deadlineAfter,
  FINDING_STATUSES,
  isOverdue,
  TRANSITIONS,
} from './workflow.ts';

describe('finding workflow', () => {
  it('lets a regulator acknowledge, rectify, waive with a reason, and decide an appeal', () => {
    const ok = (
      from: (typeof FINDING_STATUSES)[number],
      to: (typeof FINDING_STATUSES)[number],
      reason?: string,
    ) => checkTransition({ from, to, actor: 'supervisor', reason }).ok;
    expect(ok('open', 'acknowledged')).toBe(true);
    expect(ok('acknowledged', 'rectified')).toBe(true);
    expect(ok('acknowledged', 'waived', 'policy gap')).toBe(true);
    expect(ok('appealed', 'open', 'appeal rejected')).toBe(true);
    expect(ok('appealed', 'waived', 'appeal upheld')).toBe(true);
  });

  it('refuses a move that is not in the workflow, naming the moves that are', () => {
    const check = checkTransition({ from: 'open', to: 'rectified', actor: 'supervisor', reason: null });
    expect(check).toEqual({
      ok: false,
      code: 'illegal',
      message:
        'A finding that is open cannot become rectified; from open it can become acknowledged, appealed, waived',
    });
    expect(
      checkTransition({ from: 'rectified', to: 'acknowledged', actor: 'supervisor', reason: 'x' }).ok,
    ).toBe(false);
  });

  it('every status can be left, and no status leads to itself', () => {
    for (const status of FINDING_STATUSES) {
      expect(TRANSITIONS[status].length).toBeGreaterThan(0);
      expect(TRANSITIONS[status]).not.toContain(status);
    }
  });

  it('requires a reason to waive, appeal or reopen', () => {
    for (const [from, to] of [
      ['acknowledged', 'waived'],
      ['open', 'appealed'],
      ['waived', 'open'],
    ] as const) {
      expect(checkTransition({ from, to, actor: 'supervisor', reason: '  ' })).toMatchObject({
        ok: false,
        code: 'reason',
      });
      expect(checkTransition({ from, to, actor: 'supervisor', reason: 'because' }).ok).toBe(true);
    }
  });

  it('lets an association or organ acknowledge and appeal its own findings but not close them', () => {
    expect(checkTransition({ from: 'open', to: 'acknowledged', actor: 'subject', reason: null }).ok).toBe(
      true,
    );
    expect(
      checkTransition({ from: 'acknowledged', to: 'appealed', actor: 'subject', reason: 'wrong person' }).ok,
    ).toBe(true);
    expect(
      checkTransition({ from: 'acknowledged', to: 'rectified', actor: 'subject', reason: null }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(checkTransition({ from: 'open', to: 'waived', actor: 'subject', reason: 'x' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('lets inspectors and auditors read only', () => {
    expect(actorKindOf('inspector')).toBe('reader');
    expect(actorKindOf('auditor')).toBe('reader');
    expect(actorKindOf('regulator')).toBe('supervisor');
    expect(actorKindOf('admin')).toBe('supervisor');
    expect(actorKindOf('organ')).toBe('subject');
    expect(actorKindOf('association')).toBe('subject');
    expect(
      checkTransition({ from: 'open', to: 'acknowledged', actor: 'reader', reason: null }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('sets a rectification deadline on acknowledgement, keeps it after, and clears it on reopening', () => {
    expect(deadlineAfter({ to: 'acknowledged', current: null, requested: null, today: '2026-01-01' })).toBe(
      '2026-04-01',
    );
    expect(DEFAULT_RECTIFICATION_DAYS).toBe(90);
    expect(
      deadlineAfter({ to: 'acknowledged', current: null, requested: '2026-02-15', today: '2026-01-01' }),
    ).toBe('2026-02-15');
    expect(
      deadlineAfter({ to: 'appealed', current: '2026-02-15', requested: null, today: '2026-01-10' }),
    ).toBe('2026-02-15');
    expect(
      deadlineAfter({ to: 'open', current: '2026-02-15', requested: null, today: '2026-01-10' }),
    ).toBeNull();
  });

  it('is overdue the day after the deadline while not rectified or waived', () => {
    expect(isOverdue({ status: 'acknowledged', deadline: '2026-02-15' }, '2026-02-15')).toBe(false);
    expect(isOverdue({ status: 'acknowledged', deadline: '2026-02-15' }, '2026-02-16')).toBe(true);
    expect(isOverdue({ status: 'rectified', deadline: '2026-02-15' }, '2026-03-01')).toBe(false);
    expect(isOverdue({ status: 'open', deadline: null }, '2026-03-01')).toBe(false);
  });
});
