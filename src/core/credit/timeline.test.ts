import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, createWorkingDayCalendar } from '../policy/dates.ts';
import { resolvePack } from '../policy/packs.ts';
import {
  CreditInputError,
  creditParams,
  creditTimeline,
  type TCreditEvent,
  type TCreditGroundRecord,
  type TCreditTimeline,
} from './timeline.ts';
import { officialCalendar, workingDays } from './working-days.ts';

const calendar = officialCalendar();
const params = creditParams(resolvePack({ regionCode: '110000', asOf: '2025-01-01' }).parameters.cred);

function timeline(grounds: TCreditGroundRecord[], events: TCreditEvent[], asOf: string): TCreditTimeline {
  return creditTimeline({ grounds, events, asOf, calendar, params });
}

function action(t: TCreditTimeline, kind: string) {
  const found = t.due.find((d) => d.action === kind);
  if (!found) throw new Error(`no ${kind} action in ${JSON.stringify(t.due)}`);
  return found;
}

const report: TCreditGroundRecord = {
  id: 'g-report-2024',
  list: 'abnormal',
  ground: 'annual_report',
  arisenOn: '2025-09-30',
  detail: { zh: '2024 年度工作报告未按时提交', en: 'the 2024 annual work report was not filed in time' },
};

describe('credit-list entry timers', () => {
  it('makes a ground arising on 2025-09-30 due on the abnormal list by 2025-10-14, after National Day week', () => {
    const t = timeline([report], [], '2025-10-10');
    const list = action(t, 'list');
    expect(list).toMatchObject({ list: 'abnormal', dueOn: '2025-10-14', state: 'due', provisional: false });
    expect(list.basis.clause).toContain('第七条');
    expect(t.status).toBe('clear');
  });

  it('is overdue the day after the deadline, and a Monday-to-Friday calendar would have said 2025-10-07', () => {
    expect(action(timeline([report], [], '2025-10-15'), 'list').state).toBe('overdue');
    const plain = createWorkingDayCalendar({ id: 'plain', holidays: [] });
    const t = creditTimeline({ grounds: [report], events: [], asOf: '2025-10-10', calendar: plain, params });
    expect(action(t, 'list').dueOn).toBe('2025-10-07');
  });

  it('counts the swapped working Sunday before Spring Festival 2025 (ground on 2025-01-24, due 2025-02-07)', () => {
    const g = { ...report, arisenOn: '2025-01-24' };
    expect(action(timeline([g], [], '2025-01-24'), 'list').dueOn).toBe('2025-02-07');
  });

  it('counts the swapped Saturday 2026-02-14 before Spring Festival 2026', () => {
    const g = { ...report, arisenOn: '2026-02-13' };
    expect(action(timeline([g], [], '2026-02-13'), 'list').dueOn).toBe('2026-02-27');
  });

  it('puts every entry deadline on a working day exactly 5 working days after the ground, any day of 2015-2026', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 * 366 }), (offset) => {
        const arisenOn = addDays('2015-01-01', offset);
        const due = action(timeline([{ ...report, arisenOn }], [], arisenOn), 'list').dueOn as string;
        return (
          calendar.isWorkingDay(due) &&
          workingDays.countBetween(calendar, arisenOn, due) === 5 &&
          due > arisenOn
        );
      }),
      { numRuns: 300 },
    );
  });

  it('asks to record a new ground on the current listing instead of listing again', () => {
    const later: TCreditGroundRecord = {
      id: 'g-unreach',
      list: 'abnormal',
      ground: 'unreachable',
      arisenOn: '2025-11-03',
    };
    const t = timeline(
      [report, later],
      [{ kind: 'listed', on: '2025-10-13', list: 'abnormal', entryId: 'e1', groundIds: [report.id] }],
      '2025-11-04',
    );
    const add = action(t, 'add_ground');
    expect(add).toMatchObject({ entryId: 'e1', groundIds: ['g-unreach'], dueOn: '2025-11-10' });
    expect(t.due.some((d) => d.action === 'list')).toBe(false);
  });

  it('does not ask to list a report filed and verified before the listing', () => {
    const t = timeline(
      [report],
      [{ kind: 'obligation_verified', on: '2025-10-09', groundId: report.id }],
      '2025-10-20',
    );
    expect(t.due).toEqual([]);
  });

  it('drops a warning from the listing queue once six months have passed', () => {
    const warning: TCreditGroundRecord = {
      id: 'w',
      list: 'abnormal',
      ground: 'minor_penalty',
      arisenOn: '2025-01-06',
    };
    expect(timeline([warning], [], '2025-07-05').due).toHaveLength(1);
    expect(timeline([warning], [], '2025-07-06').due).toHaveLength(0);
  });
});

describe('abnormal-list removal', () => {
  const listed: TCreditEvent = {
    kind: 'listed',
    on: '2025-10-13',
    list: 'abnormal',
    entryId: 'e1',
    groundIds: [report.id],
  };

  it('waits for the obligation, then makes removal due 5 working days after verification', () => {
    const waiting = timeline([report], [listed], '2026-01-05');
    expect(waiting.status).toBe('abnormal');
    expect(action(waiting, 'remove')).toMatchObject({
      state: 'waiting',
      dueOn: null,
      groundIds: [report.id],
    });
    const verified = timeline(
      [report],
      [listed, { kind: 'obligation_verified', on: '2026-03-02', groundId: report.id }],
      '2026-03-03',
    );
    expect(action(verified, 'remove')).toMatchObject({
      removalReason: 'rectified',
      triggerOn: '2026-03-02',
      dueOn: '2026-03-09',
      state: 'due',
    });
  });

  it('removes automatically 6 months after listing where nothing needs fixing', () => {
    const fine: TCreditGroundRecord = {
      id: 'f',
      list: 'abnormal',
      ground: 'minor_penalty',
      arisenOn: '2025-01-06',
    };
    const events: TCreditEvent[] = [
      { kind: 'listed', on: '2025-01-10', list: 'abnormal', entryId: 'e1', groundIds: ['f'] },
    ];
    expect(action(timeline([fine], events, '2025-03-01'), 'remove')).toMatchObject({
      removalReason: 'automatic',
      state: 'scheduled',
      dueOn: '2025-07-10',
    });
    expect(action(timeline([fine], events, '2025-07-10'), 'remove').state).toBe('due');
  });

  it('restarts the six months when a new ground arises while listed', () => {
    const fine: TCreditGroundRecord = {
      id: 'f',
      list: 'abnormal',
      ground: 'minor_penalty',
      arisenOn: '2025-01-06',
    };
    const warning: TCreditGroundRecord = {
      id: 'w',
      list: 'abnormal',
      ground: 'minor_penalty',
      arisenOn: '2025-03-20',
    };
    const events: TCreditEvent[] = [
      { kind: 'listed', on: '2025-01-10', list: 'abnormal', entryId: 'e1', groundIds: ['f'] },
      { kind: 'ground_added', on: '2025-03-24', groundId: 'w' },
    ];
    const t = timeline([fine, warning], events, '2025-07-15');
    expect(action(t, 'remove')).toMatchObject({ dueOn: '2025-09-20', state: 'scheduled' });
    expect(t.history.map((h) => h.action)).toEqual(['listed', 'ground_added']);
  });

  it('records a removal with its reason and legal basis in the public history', () => {
    const events: TCreditEvent[] = [
      listed,
      { kind: 'obligation_verified', on: '2026-03-02', groundId: report.id },
      { kind: 'removed', on: '2026-03-05', list: 'abnormal', reason: 'rectified' },
    ];
    const t = timeline([report], events, '2026-03-06');
    expect(t.status).toBe('clear');
    expect(t.due).toEqual([]);
    const removal = t.history[1];
    expect(removal).toMatchObject({
      on: '2026-03-05',
      action: 'removed',
      entryId: 'e1',
      grounds: ['annual_report'],
    });
    expect(removal?.basis.clause).toContain('第十条');
    expect(removal?.reason.zh).toContain('移出活动异常名录');
  });
});

describe('escalation to the serious list', () => {
  const listed: TCreditEvent = {
    kind: 'listed',
    on: '2023-10-09',
    list: 'abnormal',
    entryId: 'e1',
    groundIds: [report.id],
  };
  const early = { ...report, arisenOn: '2023-09-28' };

  it('is scheduled the day before 2 years and due on exactly 2 years, by the 5th working day after', () => {
    expect(action(timeline([early], [listed], '2025-10-08'), 'escalate')).toMatchObject({
      state: 'scheduled',
      triggerOn: '2025-10-09',
    });
    // 2025-10-11 is a swapped working Saturday.
    expect(action(timeline([early], [listed], '2025-10-09'), 'escalate')).toMatchObject({
      state: 'due',
      triggerOn: '2025-10-09',
      dueOn: '2025-10-15',
    });
  });

  it('refuses an escalation recorded before 2 years, naming the event', () => {
    const events: TCreditEvent[] = [listed, { kind: 'escalated', on: '2025-10-08', entryId: 's1' }];
    expect(() => timeline([early], events, '2025-10-10')).toThrow(CreditInputError);
    expect(() => timeline([early], events, '2025-10-10')).toThrow(/events\[1\].*before 2025-10-09/);
  });

  it('moves the listing to the serious list and keeps the unfulfilled obligation as a condition of removal', () => {
    const events: TCreditEvent[] = [listed, { kind: 'escalated', on: '2025-10-13', entryId: 's1' }];
    const t = timeline([early], events, '2028-01-01');
    expect(t.status).toBe('serious');
    expect(t.abnormal).toBeNull();
    expect(t.serious).toMatchObject({ entryId: 's1', listedOn: '2025-10-13' });
    expect(action(t, 'remove')).toMatchObject({ state: 'waiting', groundIds: [report.id] });
    expect(t.history.map((h) => `${h.list}:${h.action}`)).toEqual([
      'abnormal:listed',
      'abnormal:escalated',
      'serious:listed',
    ]);
  });
});

describe('serious-list removal', () => {
  const fine: TCreditGroundRecord = {
    id: 'fine',
    list: 'serious',
    ground: 'major_fine',
    arisenOn: '2022-05-05',
  };
  const listed: TCreditEvent = {
    kind: 'listed',
    on: '2022-05-10',
    list: 'serious',
    entryId: 's1',
    groundIds: ['fine'],
  };

  it('lets the organisation apply from 2 years after listing, and makes removal due 5 working days after applying', () => {
    expect(action(timeline([fine], [listed], '2024-05-09'), 'may_apply')).toMatchObject({
      state: 'scheduled',
      triggerOn: '2024-05-10',
    });
    expect(action(timeline([fine], [listed], '2024-05-10'), 'may_apply').state).toBe('available');
    const applied = timeline([fine], [listed, { kind: 'removal_applied', on: '2024-06-01' }], '2024-06-03');
    expect(action(applied, 'remove')).toMatchObject({
      removalReason: 'application',
      dueOn: '2024-06-07',
      state: 'due',
    });
  });

  it('restarts the 2 years when a new ground arises', () => {
    const again: TCreditGroundRecord = {
      id: 'again',
      list: 'abnormal',
      ground: 'unreachable',
      arisenOn: '2023-08-01',
    };
    const t = timeline([fine, again], [listed], '2024-06-01');
    expect(action(t, 'may_apply')).toMatchObject({ state: 'scheduled', triggerOn: '2025-08-01' });
  });

  it('keeps a revoked certificate listed until deregistration, then makes removal due', () => {
    const revoked: TCreditGroundRecord = {
      id: 'rev',
      list: 'serious',
      ground: 'certificate_revoked',
      arisenOn: '2022-03-01',
    };
    const events: TCreditEvent[] = [
      { kind: 'listed', on: '2022-03-04', list: 'serious', entryId: 's1', groundIds: ['rev'] },
    ];
    expect(action(timeline([revoked], events, '2026-01-05'), 'remove')).toMatchObject({
      state: 'waiting',
      removalReason: 'deregistered',
    });
    const t = timeline([revoked], [...events, { kind: 'deregistered', on: '2025-09-30' }], '2025-10-01');
    expect(action(t, 'remove')).toMatchObject({ removalReason: 'deregistered', dueOn: '2025-10-14' });
    expect(t.due.some((d) => d.action === 'may_apply')).toBe(false);
  });
});

describe('input checks', () => {
  it('names the event and field of an unknown ground', () => {
    const events: TCreditEvent[] = [
      { kind: 'listed', on: '2025-10-13', list: 'abnormal', entryId: 'e1', groundIds: ['nope'] },
    ];
    expect(() => timeline([report], events, '2025-10-20')).toThrow(
      'events[0].groundIds[0]: unknown ground "nope"',
    );
  });

  it('refuses a ground for the other list and a second listing on the same list', () => {
    const wrong: TCreditEvent[] = [
      { kind: 'listed', on: '2025-10-13', list: 'serious', entryId: 's1', groundIds: [report.id] },
    ];
    expect(() => timeline([report], wrong, '2025-10-20')).toThrow(
      /is a ground for the abnormal-activity list/,
    );
    const twice: TCreditEvent[] = [
      { kind: 'listed', on: '2025-10-13', list: 'abnormal', entryId: 'e1', groundIds: [report.id] },
      { kind: 'listed', on: '2025-10-14', list: 'abnormal', entryId: 'e2', groundIds: [report.id] },
    ];
    expect(() => timeline([report], twice, '2025-10-20')).toThrow(/events\[1\]: already on/);
  });

  it('ignores events after the day asked about', () => {
    const events: TCreditEvent[] = [
      { kind: 'listed', on: '2025-10-13', list: 'abnormal', entryId: 'e1', groundIds: [report.id] },
    ];
    expect(timeline([report], events, '2025-10-12').status).toBe('clear');
    expect(timeline([report], events, '2025-10-13').status).toBe('abnormal');
  });
});
