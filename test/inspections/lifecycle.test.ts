import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSeed, runDraw } from '../../src/core/inspections/index.ts';
import { verifyAuditChain } from '../../src/db/repositories/audit.repository.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from '../server/support.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { buildInspectionWorld } from './support.ts';

type TDrawBody = {
  id: string;
  state: string;
  seed: string | null;
  seedCommitment: string;
  published: { json: string; sha256: string };
  quotas: { stratum: string; count: number }[];
  frame: { uscc: string; stratum: string }[];
  selections: { uscc: string; stratum: string; rank: number; score: string }[];
  assignments: { uscc: string; inspector: { code: string } }[];
  results: { uscc: string; outcome: string; inspectorCount: number }[];
};

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: Awaited<ReturnType<typeof buildInspectionWorld>>;
let regulator: TSession;
let regulatorSh: TSession;
let inspectorA: TSession;
let inspectorB: TSession;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await buildInspectionWorld(db);
  app = createTestApp(db, testProtector(), { now: () => new Date('2026-03-02T08:00:00Z') });
  regulator = await login(app, world.accounts.regulator.username);
  regulatorSh = await login(app, world.accounts.regulatorSh.username);
  inspectorA = await login(app, world.accounts.inspectorA.username);
  inspectorB = await login(app, world.accounts.inspectorB.username);
});

afterAll(async () => {
  await db.drop();
});

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

describe('a yearly draw from commitment to published results', () => {
  let drawId = '';
  let committed: TDrawBody;

  it('adds inspectors to the pool: one works for the bureau that supervises every organisation', async () => {
    const add = (code: string, organCode: string, username?: string) =>
      call(app, '/api/inspections/inspectors', {
        session: regulator,
        method: 'POST',
        body: { code, displayName: `检查员${code}`, organCode, regionCode: '110000', username },
      });
    await json(await add('BJ-A', world.organs.other.code, world.accounts.inspectorA.username));
    await json(await add('BJ-B', world.organs.other.code, world.accounts.inspectorB.username));
    await json(await add('BJ-C', world.organs.other.code));
    await json(await add('BJ-X', world.organs.bureau.code));
    const refused = await add('BJ-Y', world.organs.other.code, 'insp-regulator');
    expect(refused.status).toBe(400);
  });

  it('commits to a frame of Beijing only, quotas from the policy pack, and a seed kept secret', async () => {
    committed = await json<TDrawBody>(
      await call(app, '/api/inspections/draws', {
        session: regulator,
        method: 'POST',
        body: { kind: 'yearly', year: 2026 },
      }),
    );
    drawId = committed.id;
    expect(drawId).toBe('Y2026-110000-01');
    expect(committed.state).toBe('committed');
    expect(committed.seed).toBeNull();
    expect(committed.frame.map((e) => e.uscc).sort()).toEqual(world.associations.map((a) => a.uscc).sort());
    expect(committed.frame.map((e) => e.uscc)).not.toContain(world.shanghai.uscc);
    // 4 provincial at 5 %, 4 municipal at 4 %, 4 county at 3 %: each rounds up to 1.
    expect(committed.quotas).toEqual([
      { stratum: 'county', count: 1 },
      { stratum: 'municipal', count: 1 },
      { stratum: 'provincial', count: 1 },
    ]);
    const publicView = await json<TDrawBody>(await call(app, `/api/public/inspections/draws/${drawId}`));
    expect(publicView.seed).toBeNull();
    expect(publicView.published).toEqual(committed.published);
    expect(JSON.stringify(publicView)).not.toMatch(/"seed":"[0-9a-f]{64}"/);
  });

  it('refuses another jurisdiction’s regulator and an inspector making the draw', async () => {
    const outside = await call(app, `/api/inspections/draws/${drawId}/draw`, {
      session: regulatorSh,
      method: 'POST',
    });
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('outside_scope');
    const byInspector = await call(app, `/api/inspections/draws/${drawId}/draw`, {
      session: inspectorA,
      method: 'POST',
    });
    expect(byInspector.status).toBe(403);
  });

  it('reveals a seed that matches the commitment and draws what the published document gives', async () => {
    const drawn = await json<TDrawBody>(
      await call(app, `/api/inspections/draws/${drawId}/draw`, { session: regulator, method: 'POST' }),
    );
    expect(drawn.state).toBe('drawn');
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(commitSeed(drawn.seed!)).toBe(committed.seedCommitment);
    const rerun = runDraw({ published: committed.published, seed: drawn.seed! });
    expect(
      drawn.selections.map(({ stratum, rank, uscc, score }) => ({ stratum, rank, uscc, score })),
    ).toEqual(rerun.selections);
    const again = await call(app, `/api/inspections/draws/${drawId}/draw`, {
      session: regulator,
      method: 'POST',
    });
    expect(again.status).toBe(409);
  });

  it('assigns two inspectors to each organisation and never the one from the supervising bureau', async () => {
    const drawn = await json<TDrawBody>(
      await call(app, `/api/inspections/draws/${drawId}/assignments`, {
        session: regulator,
        method: 'POST',
        body: {},
      }),
    );
    expect(drawn.assignments).toHaveLength(drawn.selections.length * 2);
    expect(drawn.assignments.map((a) => a.inspector.code)).not.toContain('BJ-X');
    for (const s of drawn.selections)
      expect(drawn.assignments.filter((a) => a.uscc === s.uscc)).toHaveLength(2);
  });

  it('leaves out an inspector who declares a conflict, when the inspectors are drawn again', async () => {
    const before = await json<TDrawBody>(
      await call(app, `/api/inspections/draws/${drawId}`, { session: regulator }),
    );
    const target = before.assignments.find((a) => a.inspector.code === 'BJ-A') ?? before.assignments[0]!;
    const declarer =
      target.inspector.code === 'BJ-A'
        ? inspectorA
        : target.inspector.code === 'BJ-B'
          ? inspectorB
          : regulator;
    await json(
      await call(app, `/api/inspections/inspectors/${target.inspector.code}/conflicts`, {
        session: declarer,
        method: 'POST',
        body: { uscc: target.uscc, note: '近亲属在该会任职' },
      }),
    );
    const after = await json<TDrawBody>(
      await call(app, `/api/inspections/draws/${drawId}/assignments`, {
        session: regulator,
        method: 'POST',
        body: {},
      }),
    );
    const forTarget = after.assignments.filter((a) => a.uscc === target.uscc).map((a) => a.inspector.code);
    expect(forTarget).toHaveLength(2);
    expect(forTarget).not.toContain(target.inspector.code);
    expect(forTarget).not.toContain('BJ-X');
  });

  it('lets an inspector record results only where assigned, and refuses an incomplete result', async () => {
    const draw = await json<TDrawBody>(
      await call(app, `/api/inspections/draws/${drawId}`, { session: regulator }),
    );
    const mine = await json<{ items: { uscc: string; drawId: string }[] }>(
      await call(app, '/api/inspections/assignments', { session: inspectorA }),
    );
    const assignedToA = new Set(mine.items.map((i) => i.uscc));
    for (const s of draw.selections) {
      const session = assignedToA.has(s.uscc) ? inspectorA : regulator;
      const body = {
        uscc: s.uscc,
        inspectedOn: '2026-04-10',
        outcome: 'rectification_ordered',
        summaryZh: '收费未公示',
        summaryEn: 'Fees not published',
        rectifyBy: '2026-06-10',
      };
      await json(
        await call(app, `/api/inspections/draws/${drawId}/results`, { session, method: 'POST', body }),
      );
    }
    const notAssigned = draw.selections.find((s) => !assignedToA.has(s.uscc));
    if (notAssigned) {
      const refused = await call(app, `/api/inspections/draws/${drawId}/results`, {
        session: inspectorA,
        method: 'POST',
        body: {
          uscc: notAssigned.uscc,
          inspectedOn: '2026-04-10',
          outcome: 'compliant',
          summaryZh: '合规',
          summaryEn: 'Compliant',
        },
      });
      expect(refused.status).toBe(403);
    }
    const noDeadline = await call(app, `/api/inspections/draws/${drawId}/results`, {
      session: regulator,
      method: 'POST',
      body: {
        uscc: draw.selections[0]!.uscc,
        inspectedOn: '2026-04-10',
        outcome: 'rectification_ordered',
        summaryZh: '收费未公示',
        summaryEn: 'Fees not published',
      },
    });
    expect(noDeadline.status).toBe(400);
    expect(await noDeadline.text()).toMatch(/deadline/);
  });

  it('publishes the results, which the public sees without any inspector named', async () => {
    const before = await json<{ results: unknown[] }>(
      await call(app, `/api/public/associations/${world.associations[0]!.uscc}/inspections`),
    );
    expect(before.results).toEqual([]);
    const published = await json<TDrawBody>(
      await call(app, `/api/inspections/draws/${drawId}/publish`, { session: regulator, method: 'POST' }),
    );
    expect(published.state).toBe('published');
    const publicView = await json<TDrawBody>(await call(app, `/api/public/inspections/draws/${drawId}`));
    expect(publicView.results).toHaveLength(publicView.selections.length);
    expect(publicView.results.every((r) => r.inspectorCount === 2)).toBe(true);
    const text = JSON.stringify(publicView);
    for (const code of ['BJ-A', 'BJ-B', 'BJ-C', 'insp-a', 'insp-b']) expect(text).not.toContain(code);
    const uscc = publicView.selections[0]!.uscc;
    const ofAssociation = await json<{
      results: { drawId: string; year: number; outcome: string; summaryEn: string }[];
    }>(await call(app, `/api/public/associations/${uscc}/inspections`));
    expect(ofAssociation.results).toEqual([
      expect.objectContaining({
        drawId,
        year: 2026,
        outcome: 'rectification_ordered',
        summaryEn: 'Fees not published',
      }),
    ]);
    const late = await call(app, `/api/inspections/draws/${drawId}/results`, {
      session: regulator,
      method: 'POST',
      body: {
        uscc,
        inspectedOn: '2026-04-11',
        outcome: 'compliant',
        summaryZh: '合规',
        summaryEn: 'Compliant',
      },
    });
    expect(late.status).toBe(409);
  });

  it('audits every step in the intact hash chain', async () => {
    const { rows } = await db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity IN ('inspection_draw', 'inspection_inspector') ORDER BY seq`,
    );
    const actions = rows.map((r) => r.action);
    for (const action of [
      'inspection.inspector.add',
      'inspection.draw.commit',
      'inspection.draw.reveal',
      'inspection.assign',
      'inspection.conflict.declare',
      'inspection.result.record',
      'inspection.draw.publish',
    ])
      expect(actions).toContain(action);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('an irregular draw by category', () => {
  it('draws only from the category, at the ratio asked for', async () => {
    const draw = await json<TDrawBody>(
      await call(app, '/api/inspections/draws', {
        session: regulator,
        method: 'POST',
        body: { kind: 'irregular', year: 2026, category: '软件', ratio: 0.5 },
      }),
    );
    expect(draw.id).toBe('I2026-110000-01');
    const software = world.associations.filter((a) => a.industry === '软件').map((a) => a.uscc);
    expect(draw.frame.map((e) => e.uscc).sort()).toEqual(software.sort());
    expect(draw.quotas.reduce((sum, q) => sum + q.count, 0)).toBe(3);
  });

  it('refuses an irregular draw without a category, naming what is missing', async () => {
    const refused = await call(app, '/api/inspections/draws', {
      session: regulator,
      method: 'POST',
      body: { kind: 'irregular', year: 2026 },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/category/);
  });
});
