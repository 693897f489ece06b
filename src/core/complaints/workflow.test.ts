import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../credit/working-days.ts';
import { classifyComplaint } from './classify.ts';
import {
  complaintTimeliness,
  publicComplaint,
  receiveComplaint,
  type TComplaint,
  transitionComplaint,
} from './workflow.ts';

const calendar = officialCalendar();
const params = { assignWorkingDays: 3, resolveWorkingDays: 20 };
const USCC = '51110000MJ00000013';

function received(on = '2025-09-29'): TComplaint {
  return receiveComplaint({
    trackingCode: '23456-789A9',
    associationUscc: USCC,
    receivedOn: on,
    classification: classifyComplaint({ text: '协会强制入会' }),
    calendar,
    params,
  });
}

function step(
  complaint: TComplaint,
  action: Parameters<typeof transitionComplaint>[0]['action'],
  on: string,
): TComplaint {
  const next = transitionComplaint({ complaint, action, on });
  if (!next.ok) throw new Error(next.refusal.en);
  return next.complaint;
}

describe('complaint workflow', () => {
  it('sets deadlines in working days across National Day and carries the classification', () => {
    // Received on Monday 2025-09-29: the 3rd working day is 2025-10-10, after the holiday week.
    const c = received();
    expect(c).toMatchObject({
      state: 'received',
      family: 'FEE',
      feeRule: 'FEE-1',
      assignBy: '2025-10-10',
      resolveBy: '2025-11-03',
    });
  });

  it('goes received → assigned → investigating → resolved and publishes the outcome, not the assignee', () => {
    let c = step(received(), { type: 'assign', assignee: 'regulator-7' }, '2025-09-30');
    c = step(c, { type: 'start' }, '2025-10-09');
    c = step(
      c,
      { type: 'resolve', outcome: { zh: '已责令退还会费', en: 'Ordered to refund the dues' } },
      '2025-10-20',
    );
    expect(c.history.map((h) => h.state)).toEqual(['received', 'assigned', 'investigating', 'resolved']);
    const shown = publicComplaint(c);
    expect(shown).toMatchObject({
      state: 'resolved',
      closedOn: '2025-10-20',
      outcome: { zh: '已责令退还会费' },
    });
    expect(JSON.stringify(shown)).not.toContain('regulator-7');
    expect(complaintTimeliness(c, '2025-12-01')).toBe('on_time');
  });

  it('refuses to resolve before investigating, or without an outcome', () => {
    const assigned = step(received(), { type: 'assign', assignee: 'r' }, '2025-09-30');
    const early = transitionComplaint({
      complaint: assigned,
      action: { type: 'resolve', outcome: { zh: '处理', en: '' } },
      on: '2025-10-09',
    });
    expect(early).toMatchObject({ ok: false, refusal: { code: 'wrong_state' } });
    if (!early.ok) expect(early.refusal.zh).toContain('调查中');
    const investigating = step(assigned, { type: 'start' }, '2025-10-09');
    const bare = transitionComplaint({
      complaint: investigating,
      action: { type: 'resolve', outcome: { zh: ' ', en: '' } },
      on: '2025-10-10',
    });
    expect(bare).toMatchObject({ ok: false, refusal: { code: 'outcome_missing' } });
  });

  it('dismisses with a reason and refuses any step after closing', () => {
    const d = step(
      received(),
      { type: 'dismiss', reason: { zh: '举报对象不明确', en: 'No association identified' } },
      '2025-09-30',
    );
    expect(publicComplaint(d)).toMatchObject({
      state: 'dismissed',
      dismissalReason: { zh: '举报对象不明确' },
    });
    expect(transitionComplaint({ complaint: d, action: { type: 'start' }, on: '2025-10-09' })).toMatchObject({
      ok: false,
    });
    expect(
      transitionComplaint({
        complaint: received(),
        action: { type: 'dismiss', reason: { zh: '', en: 'x' } },
        on: '2025-09-30',
      }),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'reason_missing' },
    });
  });

  it('refuses a step dated before the previous one', () => {
    const c = step(received(), { type: 'assign', assignee: 'r' }, '2025-10-09');
    expect(transitionComplaint({ complaint: c, action: { type: 'start' }, on: '2025-10-01' })).toMatchObject({
      ok: false,
      refusal: { code: 'before_previous_step' },
    });
  });

  it('flags a late assignment and a late decision', () => {
    const c = received();
    expect(complaintTimeliness(c, '2025-10-10')).toBe('on_time');
    expect(complaintTimeliness(c, '2025-10-11')).toBe('assignment_overdue');
    const late = step(c, { type: 'assign', assignee: 'r' }, '2025-10-13');
    expect(complaintTimeliness(late, '2025-10-14')).toBe('assignment_overdue');
    expect(complaintTimeliness(late, '2025-11-04')).toBe('resolution_overdue');
  });

  it('lets the regulator correct the family', () => {
    const c = step(received(), { type: 'reclassify', family: 'PERS', feeRule: 'FEE-1' }, '2025-09-30');
    expect(c).toMatchObject({ state: 'received', family: 'PERS', feeRule: null });
    expect(c.history).toHaveLength(1);
  });
});
