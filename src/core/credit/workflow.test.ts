import { describe, expect, it } from 'vitest';
import { resolvePack } from '../policy/packs.ts';
import { creditParams, creditTimeline, type TCreditEvent, type TCreditGroundRecord } from './timeline.ts';
import { decideObjection, decideRepair, fileObjection, submitRepair, type TObjection } from './workflow.ts';
import { officialCalendar } from './working-days.ts';

const calendar = officialCalendar();
const params = creditParams(resolvePack({ regionCode: '110000', asOf: '2025-01-01' }).parameters.cred);
const objectionParams = { acceptWorkingDays: 5, decideWorkingDays: 20 };

const report: TCreditGroundRecord = {
  id: 'r',
  list: 'abnormal',
  ground: 'annual_report',
  arisenOn: '2025-06-01',
};
const listed: TCreditEvent = {
  kind: 'listed',
  on: '2025-06-05',
  list: 'abnormal',
  entryId: 'e1',
  groundIds: ['r'],
};
const statement = { zh: '年报已于5月30日提交', en: 'The report was filed on 30 May' };

function at(asOf: string, events: TCreditEvent[] = [listed], grounds: TCreditGroundRecord[] = [report]) {
  return creditTimeline({ grounds, events, asOf, calendar, params });
}

function filed(): TObjection {
  const step = fileObjection({
    id: 'o1',
    list: 'abnormal',
    filedOn: '2025-09-30',
    statement,
    timeline: at('2025-09-30'),
    existing: [],
    calendar,
    params: objectionParams,
  });
  if (!step.ok) throw new Error(step.refusal.en);
  return step.value;
}

describe('objections', () => {
  it('sets the acceptance deadline in working days across National Day', () => {
    expect(filed()).toMatchObject({ state: 'filed', entryId: 'e1', acceptBy: '2025-10-14' });
  });

  it('refuses an objection when the organisation is not listed, or while another is pending', () => {
    const none = fileObjection({
      id: 'o1',
      list: 'serious',
      filedOn: '2025-09-30',
      statement,
      timeline: at('2025-09-30'),
      existing: [],
      calendar,
      params: objectionParams,
    });
    expect(none).toMatchObject({ ok: false, refusal: { code: 'not_listed' } });
    const again = fileObjection({
      id: 'o2',
      list: 'abnormal',
      filedOn: '2025-10-01',
      statement,
      timeline: at('2025-10-01'),
      existing: [filed()],
      calendar,
      params: objectionParams,
    });
    expect(again).toMatchObject({ ok: false, refusal: { code: 'objection_pending' } });
    if (!again.ok) expect(again.refusal.zh).toContain('o1');
  });

  it('withdraws the listing when upheld, and the history shows the removal with its basis', () => {
    const accepted = decideObjection({
      objection: filed(),
      action: { type: 'accept' },
      on: '2025-10-09',
      calendar,
      params: objectionParams,
    });
    if (!accepted.ok) throw new Error(accepted.refusal.en);
    // 2025-10-11 is a swapped working Saturday, so the 20th working day is a Wednesday.
    expect(accepted.value.decideBy).toBe('2025-11-05');
    const upheld = decideObjection({
      objection: accepted.value,
      action: { type: 'uphold', correction: statement },
      on: '2025-10-20',
      calendar,
      params: objectionParams,
    });
    if (!upheld.ok) throw new Error(upheld.refusal.en);
    expect(upheld.event).toEqual({
      kind: 'removed',
      on: '2025-10-20',
      list: 'abnormal',
      reason: 'objection_upheld',
    });
    const t = at('2025-10-21', [listed, upheld.event as TCreditEvent]);
    expect(t.status).toBe('clear');
    expect(t.history.at(-1)?.basis.clause).toContain('异议');
  });

  it('refuses to uphold an objection not yet accepted, and a rejection without a reason', () => {
    const early = decideObjection({
      objection: filed(),
      action: { type: 'uphold', correction: statement },
      on: '2025-10-09',
      calendar,
      params: objectionParams,
    });
    expect(early).toMatchObject({ ok: false, refusal: { code: 'wrong_state' } });
    const accepted = decideObjection({
      objection: filed(),
      action: { type: 'accept' },
      on: '2025-10-09',
      calendar,
      params: objectionParams,
    });
    if (!accepted.ok) throw new Error('accept');
    const bare = decideObjection({
      objection: accepted.value,
      action: { type: 'reject', reason: { zh: ' ', en: '' } },
      on: '2025-10-10',
      calendar,
      params: objectionParams,
    });
    expect(bare).toMatchObject({ ok: false, refusal: { code: 'reason_missing' } });
    const backwards = decideObjection({
      objection: accepted.value,
      action: { type: 'reject', reason: statement },
      on: '2025-10-01',
      calendar,
      params: objectionParams,
    });
    expect(backwards).toMatchObject({ ok: false, refusal: { code: 'before_previous_step' } });
  });
});

describe('credit repair', () => {
  it('refuses removal from the abnormal list while the report is not verified, saying what is missing', () => {
    const step = submitRepair({ id: 'a1', list: 'abnormal', on: '2025-08-01', timeline: at('2025-08-01') });
    expect(step).toMatchObject({ ok: false, refusal: { code: 'obligation_unfulfilled' } });
    if (!step.ok) expect(step.refusal.zh).toContain('未按时提交年度工作报告');
  });

  it('accepts it once verified and removes the listing on approval', () => {
    const events: TCreditEvent[] = [listed, { kind: 'obligation_verified', on: '2025-08-01', groundId: 'r' }];
    const step = submitRepair({
      id: 'a1',
      list: 'abnormal',
      on: '2025-08-04',
      timeline: at('2025-08-04', events),
    });
    if (!step.ok) throw new Error(step.refusal.en);
    expect(step.value).toMatchObject({ state: 'submitted', dueOn: '2025-08-08' });
    const approved = decideRepair({
      application: step.value,
      decision: { type: 'approve' },
      on: '2025-08-06',
    });
    if (!approved.ok) throw new Error(approved.refusal.en);
    expect(approved.event).toEqual({
      kind: 'removed',
      on: '2025-08-06',
      list: 'abnormal',
      reason: 'rectified',
    });
    expect(
      decideRepair({ application: approved.value, decision: { type: 'approve' }, on: '2025-08-07' }),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'already_decided' },
    });
  });

  it('refuses a serious-list application before 2 years and records it after', () => {
    const fine: TCreditGroundRecord = {
      id: 'f',
      list: 'serious',
      ground: 'major_fine',
      arisenOn: '2023-03-01',
    };
    const events: TCreditEvent[] = [
      { kind: 'listed', on: '2023-03-06', list: 'serious', entryId: 's1', groundIds: ['f'] },
    ];
    const early = submitRepair({
      id: 'a1',
      list: 'serious',
      on: '2025-03-05',
      timeline: at('2025-03-05', events, [fine]),
    });
    expect(early).toMatchObject({ ok: false, refusal: { code: 'too_early' } });
    if (!early.ok) expect(early.refusal.en).toContain('2025-03-06');
    const ok = submitRepair({
      id: 'a1',
      list: 'serious',
      on: '2025-03-06',
      timeline: at('2025-03-06', events, [fine]),
    });
    expect(ok).toMatchObject({ ok: true, event: { kind: 'removal_applied', on: '2025-03-06' } });
  });

  it('refuses an application where the certificate was revoked', () => {
    const revoked: TCreditGroundRecord = {
      id: 'v',
      list: 'serious',
      ground: 'certificate_revoked',
      arisenOn: '2020-03-01',
    };
    const events: TCreditEvent[] = [
      { kind: 'listed', on: '2020-03-06', list: 'serious', entryId: 's1', groundIds: ['v'] },
    ];
    const step = submitRepair({
      id: 'a1',
      list: 'serious',
      on: '2025-03-06',
      timeline: at('2025-03-06', events, [revoked]),
    });
    expect(step).toMatchObject({ ok: false, refusal: { code: 'deregistration_required' } });
  });
});
