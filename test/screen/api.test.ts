import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/core/policy/types.ts';
import type { Db, Queryable } from '../../src/db/database.ts';
import { startScreening } from '../../src/jobs/screen.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from '../server/support.ts';
import { buildWorld, type TWorld } from '../server/world.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { seedFindings } from './support.ts';

type TFindingJson = {
  id: number;
  rule: string;
  status: string;
  deadline: string | null;
  association: { uscc: string };
};
type TDetail = {
  finding: TFindingJson;
  events: { actor: string; from: string; to: string; reason: string | null }[];
};

type TRunJson = {
  id: number;
  status: string;
  associations: number;
  scope: unknown;
  error: string | null;
  progress: { done: number; total: number; phase: string } | null;
};

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TWorld;
const sessions = {} as Record<keyof TWorld['accounts'], TSession>;
let ids: Map<string, number>;

beforeAll(async () => {
  db = await openTestDatabase();
  const protector = testProtector();
  world = await buildWorld(db, protector);
  app = createTestApp(db, protector, { now: () => new Date('2026-01-10T08:00:00Z') });
  for (const role of Object.keys(world.accounts) as (keyof TWorld['accounts'])[])
    sessions[role] = await login(app, world.accounts[role].username);
  const { beijing, shanghai, national } = world.associations;
  ids = await seedFindings(db, [
    { key: 'bj-1', uscc: beijing.uscc },
    { key: 'bj-2', uscc: beijing.uscc },
    { key: 'bj-3', uscc: beijing.uscc },
    { key: 'sh-1', uscc: shanghai.uscc },
    { key: 'nat-1', uscc: national.uscc },
  ]);
});

afterAll(async () => {
  await db.drop();
});

const id = (key: string) => ids.get(key)!;

/** Asks the runs list until the run is no longer running. */
async function waitForRun(runId: number): Promise<TRunJson> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const list = (await (
      await call(app, '/api/screening-runs?pageSize=100', { session: sessions.admin })
    ).json()) as { items: TRunJson[] };
    const run = list.items.find((r) => r.id === runId);
    if (run && run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} still running after a minute`);
}
const move = (session: TSession, key: string, body: Record<string, unknown>) =>
  call(app, `/api/findings/${id(key)}/transition`, { session, method: 'POST', body });

describe('findings API', () => {
  it('lists only the findings inside the caller’s jurisdiction, with filters', async () => {
    const regulator = await call(app, '/api/findings?pageSize=200', { session: sessions.regulator });
    const items = ((await regulator.json()) as { items: TFindingJson[] }).items;
    expect(new Set(items.map((f) => f.association.uscc))).toEqual(new Set([world.associations.beijing.uscc]));
    const admin = (await (
      await call(app, `/api/findings?association=${world.associations.shanghai.uscc}`, {
        session: sessions.admin,
      })
    ).json()) as { total: number };
    expect(admin.total).toBe(1);
    const byOrgan = (await (
      await call(app, `/api/findings?organ=${world.organs.ministry.code}`, { session: sessions.admin })
    ).json()) as { items: TFindingJson[] };
    expect(byOrgan.items.map((f) => f.association.uscc)).toEqual([world.associations.national.uscc]);
    const byRegion = (await (
      await call(app, '/api/findings?region=310000', { session: sessions.admin })
    ).json()) as {
      total: number;
    };
    expect(byRegion.total).toBe(1);
    const none = (await (
      await call(app, '/api/findings?rule=PERS-4', { session: sessions.admin })
    ).json()) as {
      total: number;
    };
    expect(none.total).toBe(0);
    const bad = await call(app, '/api/findings?severity=fatal', { session: sessions.admin });
    expect(bad.status).toBe(400);
  });

  it('an association acknowledges its own finding and gets a deadline, but cannot close it', async () => {
    const ack = await move(sessions.association, 'bj-1', { to: 'acknowledged' });
    expect(ack.status).toBe(200);
    const body = (await ack.json()) as TDetail;
    expect(body.finding).toMatchObject({ status: 'acknowledged', deadline: '2026-04-10' });
    const close = await move(sessions.association, 'bj-1', { to: 'rectified' });
    expect(close.status).toBe(403);
    expect(((await close.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('a regulator marks it rectified; the detail lists every change with who and why, and the audit log has it', async () => {
    const done = await move(sessions.regulator, 'bj-1', { to: 'rectified', reason: '已免去职务' });
    expect(done.status).toBe(200);
    const detail = (await (
      await call(app, `/api/findings/${id('bj-1')}`, { session: sessions.auditor })
    ).json()) as TDetail;
    expect(detail.finding.status).toBe('rectified');
    expect(detail.events.map((e) => [e.actor, e.from, e.to, e.reason])).toEqual([
      ['association-bj', 'open', 'acknowledged', null],
      ['regulator-bj', 'acknowledged', 'rectified', '已免去职务'],
    ]);
    const { rows } = await db.query<{ action: string; actor_label: string }>(
      `SELECT action, actor_label FROM audit_events WHERE entity = 'finding' AND entity_id = $1 ORDER BY seq`,
      [String(id('bj-1'))],
    );
    expect(rows).toEqual([
      { action: 'finding.acknowledged', actor_label: 'association-bj' },
      { action: 'finding.rectified', actor_label: 'regulator-bj' },
    ]);
  });

  it('refuses an illegal move with 409 and a message naming the legal ones, and a waiver without reason with 400', async () => {
    const illegal = await move(sessions.regulator, 'bj-1', { to: 'acknowledged' });
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as { error: { message: string } }).error.message).toMatch(
      /rectified cannot become acknowledged; from rectified it can become open/,
    );
    const noReason = await move(sessions.regulator, 'bj-2', { to: 'waived' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { error: { message: string } }).error.message).toMatch(
      /needs a reason/,
    );
    const waived = await move(sessions.admin, 'bj-2', { to: 'waived', reason: '历史遗留，已报批' });
    expect(waived.status).toBe(200);
  });

  it('an organ appeals a finding of an association it is linked to; the regulator side decides it', async () => {
    const appeal = await move(sessions.organ, 'nat-1', { to: 'appealed', reason: '该人员已于2018年离任' });
    expect(appeal.status).toBe(200);
    const decided = await move(sessions.admin, 'nat-1', { to: 'open', reason: '申诉不成立' });
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as TDetail).finding.status).toBe('open');
  });

  it('keeps findings outside the jurisdiction out of reach, and lets inspectors and auditors only read', async () => {
    const outside = await move(sessions.association, 'sh-1', { to: 'acknowledged' });
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('outside_scope');
    expect((await call(app, `/api/findings/${id('sh-1')}`, { session: sessions.regulator })).status).toBe(
      403,
    );
    for (const role of ['inspector', 'auditor'] as const) {
      const response = await move(sessions[role], 'bj-3', { to: 'acknowledged' });
      expect(response.status).toBe(403);
    }
    expect((await call(app, '/api/findings/999999', { session: sessions.admin })).status).toBe(404);
  });

  it('lists the findings of one association', async () => {
    const response = await call(app, `/api/associations/${world.associations.beijing.uscc}/findings`, {
      session: sessions.association,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { total: number }).total).toBe(3);
  });

  it('exports the findings as CSV and XLSX, inside the scope only, and audits the export', async () => {
    const csv = await call(app, '/api/findings/export?format=csv', { session: sessions.regulator });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain('统一社会信用代码');
    expect(text).toContain(world.associations.beijing.uscc);
    expect(text).not.toContain(world.associations.shanghai.uscc);
    const xlsx = await call(app, '/api/findings/export?format=xlsx', { session: sessions.admin });
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const { rows } = await db.query(`SELECT 1 FROM audit_events WHERE action = 'finding.export'`);
    expect(rows.length).toBe(2);
  });

  it('serves the rule catalog with every rule, its clause and parameters per pack', async () => {
    const response = await call(app, '/api/rules', { session: sessions.association });
    const body = (await response.json()) as {
      items: {
        id: string;
        clause: string;
        packs: { packId: string; parameters: Record<string, unknown> }[];
      }[];
    };
    expect(body.items.map((r) => r.id)).toEqual([...RULE_IDS]);
    const pers5 = body.items.find((r) => r.id === 'PERS-5')!;
    expect(pers5.clause.length).toBeGreaterThan(0);
    expect(pers5.packs.find((p) => p.packId === 'national-2015')!.parameters).toMatchObject({
      'pers.ageLimit': 70,
    });
  });

  it('sorts the list by the sort parameter, descending with a leading minus, ties by id; refuses an unknown key', async () => {
    const list = async (sort: string) =>
      (
        (await (
          await call(app, `/api/findings?pageSize=200&sort=${sort}`, { session: sessions.admin })
        ).json()) as {
          items: (TFindingJson & { association: { name: string } })[];
        }
      ).items;
    const byName = await list('association');
    const names = byName.map((f) => f.association.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const ascending = await list('openedOn');
    const descending = await list('-openedOn');
    expect(descending.map((f) => f.id)).toEqual(ascending.map((f) => f.id).reverse());
    expect(ascending.map((f) => f.id)).toEqual([...ascending.map((f) => f.id)].sort((a, b) => a - b));
    const refused = await call(app, '/api/findings?sort=colour', { session: sessions.admin });
    expect(refused.status).toBe(400);
  });

  it('a regulator starts a screening of its region in the background (202); runs are listed newest first', async () => {
    const started = await call(app, '/api/screening-runs', {
      session: sessions.regulator,
      method: 'POST',
      body: { asOf: '2020-06-30' },
    });
    expect(started.status).toBe(202);
    const run = (await started.json()) as TRunJson;
    expect(run).toMatchObject({ status: 'running', scope: { kind: 'region', regionCode: '110000' } });
    const finished = await waitForRun(run.id);
    expect(finished).toMatchObject({ status: 'completed', associations: 1, progress: null, error: null });
    const list = (await (await call(app, '/api/screening-runs', { session: sessions.auditor })).json()) as {
      items: { id: number }[];
    };
    expect(list.items[0]!.id).toBe(run.id);
    expect(
      (await call(app, '/api/screening-runs', { session: sessions.organ, method: 'POST', body: {} })).status,
    ).toBe(403);
  });

  it('shows a running run with its progress, and refuses a second start with 409 until it ends', async () => {
    // A run held at its first read of facts, so that it is certainly running while the API is asked.
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = (q: Queryable): Queryable => ({
      query: async (sql, params) => {
        if (sql.includes('json_build_array(a.id')) await gate;
        return q.query(sql, params);
      },
      exec: (sql) => q.exec(sql),
    });
    const gated: Db = { ...db, ...held(db), transaction: (fn) => db.transaction((tx) => fn(held(tx))) };
    const { runId, done } = await startScreening({
      db: gated,
      asOf: '2020-06-30',
      actor: { id: null, label: 'api-test' },
    });
    try {
      const refused = await call(app, '/api/screening-runs', {
        session: sessions.admin,
        method: 'POST',
        body: {},
      });
      expect(refused.status).toBe(409);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('conflict');
      expect(body.error.message).toContain(`#${runId}`);
      expect(body.error.message).toContain('still running');
      const list = (await (
        await call(app, '/api/screening-runs', { session: sessions.regulator })
      ).json()) as {
        items: TRunJson[];
      };
      const running = list.items.find((r) => r.id === runId)!;
      expect(running.status).toBe('running');
      expect(running.progress).toEqual({ done: 0, total: running.progress!.total, phase: 'screening' });
      expect(running.progress!.total).toBeGreaterThanOrEqual(3);
    } finally {
      open();
    }
    const result = await done;
    expect(await waitForRun(runId)).toMatchObject({
      status: 'completed',
      associations: result.counts.associations,
      progress: null,
    });
    const again = await call(app, '/api/screening-runs', {
      session: sessions.admin,
      method: 'POST',
      body: {},
    });
    expect(again.status).toBe(202);
    await waitForRun(((await again.json()) as TRunJson).id);
  });
});
