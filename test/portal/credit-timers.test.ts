import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditTimeline } from '../../src/core/credit/timeline.ts';
import { officialCalendar, workingDays } from '../../src/core/credit/working-days.ts';
import { insertCreditGrounds } from '../../src/db/repositories/credit.repository.ts';
import { findAssociationByUscc } from '../../src/db/repositories/registry-read.repository.ts';
import { loadCreditState, tickCredit } from '../../src/jobs/credit.ts';
import { buildWorld, type TWorld } from '../server/world.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { fileAllAnnualReports } from './support.ts';

/**
 * The CRED timers over real holiday periods of the official calendar, through the daily run and the
 * database: the 2026 National Day week (with its make-up Saturday), the 2026 Spring Festival, the six
 * months restarting on a new ground, and the move to the serious list after two years.
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let world: TWorld;
const actor = { id: null, label: 'test' };
const calendar = officialCalendar();
const params = {
  entryWorkingDays: 5,
  removalWorkingDays: 5,
  autoRemovalMonths: 6,
  abnormalToSeriousYears: 2,
  seriousRemovalYears: 3,
};

beforeAll(async () => {
  db = await openTestDatabase();
  world = await buildWorld(db, testProtector());
  for (const a of Object.values(world.associations)) await fileAllAnnualReports(db, a.uscc);
});

afterAll(async () => {
  await db.drop();
});

async function refOf(uscc: string) {
  const row = (await findAssociationByUscc(db, uscc))!;
  return { id: row.id, uscc: row.uscc, regionCode: row.regionCode };
}

async function addGround(
  uscc: string,
  ground: { id: string; ground: 'unreachable' | 'minor_penalty'; arisenOn: string },
) {
  const association = await refOf(uscc);
  await db.transaction((tx) =>
    insertCreditGrounds(tx, {
      associationId: association.id,
      grounds: [{ id: ground.id, list: 'abnormal', ground: ground.ground, arisenOn: ground.arisenOn }],
      source: 'registrar',
    }),
  );
}

describe('working days of the official calendar', () => {
  it('counts the make-up Saturday after the 2026 National Day week and skips the holidays', () => {
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(workingDays.add(calendar, '2026-09-30', 5)).toEqual({ date: '2026-10-13', provisional: false });
    // Across the 2026 Spring Festival, with the make-up Saturday 14 February.
    expect(workingDays.add(calendar, '2026-02-13', 5).date).toBe('2026-02-27');
  });

  it('makes a ground arising the day before National Day due on 13 October, overdue on the 14th', () => {
    const grounds = [
      { id: 'g', list: 'abnormal' as const, ground: 'unreachable' as const, arisenOn: '2026-09-30' },
    ];
    const on = (asOf: string) => creditTimeline({ grounds, events: [], asOf, calendar, params }).due[0]!;
    expect(on('2026-10-08')).toMatchObject({ action: 'list', dueOn: '2026-10-13', state: 'due' });
    expect(on('2026-10-13').state).toBe('due');
    expect(on('2026-10-14').state).toBe('overdue');
  });
});

describe('the daily credit run', () => {
  it('lists a ground that arose just before the National Day week on the day it runs, once', async () => {
    const uscc = world.associations.beijing.uscc;
    await addGround(uscc, { id: 'nd-2026', ground: 'unreachable', arisenOn: '2026-09-30' });
    const before = await loadCreditState(db, { association: await refOf(uscc), asOf: '2026-10-09' });
    expect(before.timeline.due[0]).toMatchObject({ action: 'list', dueOn: '2026-10-13', state: 'due' });

    const result = await tickCredit({ db, asOf: '2026-10-09', actor });
    expect(result.events).toEqual([
      {
        uscc,
        event: {
          kind: 'listed',
          on: '2026-10-09',
          list: 'abnormal',
          entryId: `CR-${uscc}-A-2026-10-09`,
          groundIds: ['nd-2026'],
        },
      },
    ]);
    expect((await tickCredit({ db, asOf: '2026-10-09', actor })).events).toEqual([]);
    const after = await loadCreditState(db, { association: await refOf(uscc), asOf: '2026-10-09' });
    expect(after.timeline.status).toBe('abnormal');
    expect(after.timeline.history[0]!.basis.clause).toContain('第60号');
    const mirror = await db.query<{ listed_on: string; ground_on: string }>(
      `SELECT listed_on, ground_on FROM credit_entries WHERE ref = $1`,
      [`CR-${uscc}-A-2026-10-09|nd-2026`],
    );
    expect(mirror.rows).toEqual([{ listed_on: '2026-10-09', ground_on: '2026-09-30' }]);
  });

  it('removes after six months with nothing to fix, the clock restarting on a new ground', async () => {
    const uscc = world.associations.shanghai.uscc;
    await addGround(uscc, { id: 'warning-1', ground: 'minor_penalty', arisenOn: '2025-01-06' });
    await tickCredit({ db, asOf: '2025-01-06', actor });
    await addGround(uscc, { id: 'warning-2', ground: 'minor_penalty', arisenOn: '2025-04-01' });
    const added = await tickCredit({ db, asOf: '2025-04-02', actor });
    expect(added.events.map((e) => e.event.kind)).toEqual(['ground_added']);
    // Six months after the listing would be 6 July; the new ground moved it to 1 October.
    expect((await tickCredit({ db, asOf: '2025-07-07', actor })).events).toEqual([]);
    expect((await tickCredit({ db, asOf: '2025-09-30', actor })).events).toEqual([]);
    const removed = await tickCredit({ db, asOf: '2025-10-01', actor });
    expect(removed.events).toEqual([
      { uscc, event: { kind: 'removed', on: '2025-10-01', list: 'abnormal', reason: 'automatic' } },
    ]);
    const state = await loadCreditState(db, { association: await refOf(uscc), asOf: '2025-10-01' });
    expect(state.timeline.history.map((h) => h.action)).toEqual(['listed', 'ground_added', 'removed']);
    expect(state.timeline.history[2]!.basis.summary.zh).toContain('6个月');
  });

  it('moves a listing unremedied for two years to the serious list within 5 working days, over the Mid-Autumn days', async () => {
    const uscc = world.associations.national.uscc;
    await addGround(uscc, { id: 'unreachable-2024', ground: 'unreachable', arisenOn: '2024-09-25' });
    await tickCredit({ db, asOf: '2024-09-27', actor });
    // Two years on is Sunday 27 September 2026, a Mid-Autumn holiday: the move is due by 9 October.
    const state = await loadCreditState(db, { association: await refOf(uscc), asOf: '2026-09-28' });
    expect(state.timeline.due.find((d) => d.action === 'escalate')).toMatchObject({
      triggerOn: '2026-09-27',
      dueOn: '2026-10-09',
      state: 'due',
    });
    const result = await tickCredit({ db, asOf: '2026-09-28', actor });
    expect(result.events.filter((e) => e.uscc === uscc).map((e) => e.event.kind)).toEqual(['escalated']);
    const after = await loadCreditState(db, { association: await refOf(uscc), asOf: '2026-09-28' });
    expect(after.timeline.status).toBe('serious');
    const audit = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'credit.escalate' AND entity_id = $1`,
      [uscc],
    );
    expect(audit.rows[0]!.n).toBe(1);
  });
});
