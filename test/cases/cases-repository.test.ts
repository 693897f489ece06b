import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCaseFact } from '../../src/core/cases/deadlines.ts';
import {
  findCase,
  saveMovedCase,
  searchCases,
  toCoreCase,
} from '../../src/db/repositories/cases.repository.ts';
import {
  insertNotifications,
  listNotifications,
  markNotificationsRead,
} from '../../src/db/repositories/notifications.repository.ts';
import { CaseWorkflowError, moveCase, openDecouplingCase } from '../../src/jobs/cases.ts';
import { buildWorld, type TWorld } from '../server/world.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let world: TWorld;
const regulator = { userId: null, role: 'regulator', label: 'test' } as const;
const at = '2020-03-02T10:00:00+08:00';

async function associationId(uscc: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM associations WHERE uscc = $1', [uscc]);
  return Number(rows[0]!.id);
}

beforeAll(async () => {
  db = await openTestDatabase();
  world = await buildWorld(db, testProtector());
});

afterAll(async () => {
  await db.drop();
});

describe('case rows', () => {
  it('read back as the core case, blocked with its reason and note, and resume keeping the reason as the fact', async () => {
    const id = await openDecouplingCase({
      db,
      associationId: await associationId(world.associations.shanghai.uscc),
      batch: 'rollout-2019',
      actor: regulator,
      at,
    });
    await moveCase({
      db,
      caseId: id,
      to: 'blocked',
      blockedReason: 'insufficient_work',
      reason: '主管单位未配合移交',
      actor: regulator,
      at,
    });
    const blocked = toCoreCase((await findCase(db, id))!);
    expect(blocked.state).toBe('blocked');
    expect(blocked.blocked).toEqual({
      reason: 'insufficient_work',
      note: '主管单位未配合移交',
      from: 'listed',
      since: '2020-03-02',
    });
    await moveCase({ db, caseId: id, to: 'listed', reason: '已协调', actor: regulator, at });
    const resumed = await findCase(db, id);
    expect(resumed!.state).toBe('listed');
    expect(resumed!.blockedReason).toBe('insufficient_work');
    expect(toCaseFact(toCoreCase(resumed!)).blockedReason).toBe('insufficient_work');
  });

  it('refuses a write computed from a stale version and leaves the row as it was', async () => {
    const id = await openDecouplingCase({
      db,
      associationId: await associationId(world.associations.beijing.uscc),
      batch: 'rollout-2019',
      actor: regulator,
      at,
    });
    const row = (await findCase(db, id))!;
    const stale = { ...toCoreCase(row), state: 'exempt' as const, version: row.version + 1 };
    const saved = await db.transaction((tx) =>
      saveMovedCase(tx, { id, fromVersion: row.version + 5, case: stale, blockedReason: null, at }),
    );
    expect(saved).toBe(false);
    expect((await findCase(db, id))!.state).toBe('listed');
  });

  it('refuses a move of a case under dual management and writes nothing', async () => {
    const id = await openDecouplingCase({
      db,
      associationId: await associationId(world.associations.national.uscc),
      batch: 'dual-management',
      actor: regulator,
      at,
    });
    const events = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [id]))
        .rows[0]!.n;
    const before = await events();
    await expect(
      moveCase({ db, caseId: id, to: 'plan_drafted', actor: { ...regulator, role: 'association' }, at }),
    ).rejects.toBeInstanceOf(CaseWorkflowError);
    expect(await events()).toBe(before);
    expect((await findCase(db, id))!.state).toBe('listed');
  });

  it('filters by the overdue conditions of CASE-1 and CASE-2 on the day asked', async () => {
    const page = (asOf: string, overdue: 'CASE-1' | 'CASE-2') =>
      searchCases(db, { scope: { kind: 'all' }, filters: { overdue, asOf }, page: 1, pageSize: 50 });
    // The 2019 list: plan due 2019-12-31, completion 2020-12-31; the deadline day is still in time.
    expect((await page('2019-12-31', 'CASE-1')).total).toBe(0);
    expect((await page('2020-01-01', 'CASE-1')).rows.map((r) => r.batch)).toEqual([
      'rollout-2019',
      'rollout-2019',
    ]);
    expect((await page('2020-12-31', 'CASE-2')).total).toBe(0);
    expect((await page('2021-01-01', 'CASE-2')).total).toBe(2);
  });
});

describe('notifications', () => {
  it('are sent once per fact and recipient, seen in the recipient role’s scope and read per account', async () => {
    const { rows } = await db.query<{ id: number }>(
      "SELECT c.id FROM decoupling_cases AS c JOIN associations AS a ON a.id = c.association_id WHERE a.uscc = $1 AND c.batch = 'rollout-2019'",
      [world.associations.beijing.uscc],
    );
    const caseId = Number(rows[0]!.id);
    const notice = {
      recipientRole: 'regulator' as const,
      kind: 'CASE-1' as const,
      caseId,
      dedupeKey: `CASE-1:${caseId}:2019-12-31`,
      titleZh: '方案逾期',
      titleEn: 'Plan overdue',
      bodyZh: '测试',
      bodyEn: 'Test',
    };
    expect(await db.transaction((tx) => insertNotifications(tx, [notice, notice]))).toBe(1);
    expect(await db.transaction((tx) => insertNotifications(tx, [notice]))).toBe(0);

    const beijingRegulator = {
      userId: world.accounts.regulator.id,
      role: 'regulator' as const,
      scope: { kind: 'region' as const, regionCode: '110000' },
    };
    const shanghaiRegulator = {
      ...beijingRegulator,
      scope: { kind: 'region' as const, regionCode: '310000' },
    };
    const seen = await listNotifications(db, { recipient: beijingRegulator, unreadOnly: false, limit: 10 });
    expect(seen.rows.map((r) => r.caseId)).toContain(caseId);
    const unseen = await listNotifications(db, {
      recipient: shanghaiRegulator,
      unreadOnly: false,
      limit: 10,
    });
    expect(unseen.rows.map((r) => r.caseId)).not.toContain(caseId);

    const id = seen.rows.find((r) => r.caseId === caseId)!.id;
    await db.transaction((tx) =>
      markNotificationsRead(tx, {
        userId: world.accounts.regulator.id,
        notificationIds: [id],
        at: new Date().toISOString(),
      }),
    );
    const after = await listNotifications(db, { recipient: beijingRegulator, unreadOnly: true, limit: 10 });
    expect(after.rows.map((r) => r.id)).not.toContain(id);
    // Another regulator of the same region still has it unread.
    const colleague = await listNotifications(db, {
      recipient: { ...beijingRegulator, userId: world.accounts.admin.id },
      unreadOnly: true,
      limit: 10,
    });
    expect(colleague.rows.map((r) => r.id)).toContain(id);
  });
});
