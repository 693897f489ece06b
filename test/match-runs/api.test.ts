import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForMatchRuns } from '../../src/jobs/match-runs.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from '../server/support.ts';
import { openTestDatabase } from '../support/database.ts';
import { createUser, testProtector } from '../support/factories.ts';
import { buildMatchWorld, type TMatchWorld } from './support.ts';

const protector = testProtector();
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TMatchWorld;
let regulator: TSession;
let shanghaiRegulator: TSession;
let auditor: TSession;

type TRun = { id: number; state: string; postsDone: number; postsTotal: number; possibles: number };
type TQueue = {
  items: {
    resultId: number;
    post: { id: number; idMasked: string | null };
    record: { id: number; idMasked: string | null };
    review: { id: number; decision: string } | null;
  }[];
  total: number;
};

beforeAll(async () => {
  db = await openTestDatabase();
  world = await buildMatchWorld(db, protector);
  app = createTestApp(db, protector);
  await createUser(db, { username: 'reg-bj', role: 'regulator', scopeRegion: '110000' });
  await createUser(db, { username: 'reg-sh', role: 'regulator', scopeRegion: '310000' });
  await createUser(db, { username: 'aud', role: 'auditor' });
  regulator = await login(app, 'reg-bj');
  shanghaiRegulator = await login(app, 'reg-sh');
  auditor = await login(app, 'aud');
});

afterAll(async () => {
  await waitForMatchRuns(db);
  await db.drop();
});

async function until(runId: number): Promise<TRun> {
  for (let i = 0; i < 200; i++) {
    const run = (await (await call(app, `/api/match-runs/${runId}`, { session: auditor })).json()) as TRun;
    if (run.state === 'completed' || run.state === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('matching runs over HTTP', () => {
  it('starts a run in the background (202), refuses a second one meanwhile, and reports progress to the end', async () => {
    const started = await call(app, '/api/match-runs', { session: regulator, method: 'POST', body: {} });
    expect(started.status).toBe(202);
    const run = (await started.json()) as TRun;
    expect(started.headers.get('location')).toBe(`/api/match-runs/${run.id}`);
    expect(['queued', 'running']).toContain(run.state);
    const second = await call(app, '/api/match-runs', { session: regulator, method: 'POST', body: {} });
    expect(second.status).toBe(409);
    const done = await until(run.id);
    expect(done).toMatchObject({ state: 'completed', postsTotal: 2, postsDone: 2, possibles: 1 });
    const list = (await (await call(app, '/api/match-runs', { session: auditor })).json()) as {
      items: TRun[];
    };
    expect(list.items[0]!.id).toBe(run.id);
  });

  it('shows the queue inside the jurisdiction only, with masked identifiers', async () => {
    const queue = (await (await call(app, '/api/match-reviews', { session: regulator })).json()) as TQueue;
    expect(queue.items.map((i) => i.post.id)).toEqual([world.possiblePostId]);
    expect(queue.items[0]!.record.idMasked).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(JSON.stringify(queue)).not.toMatch(/\d{17}[\dX]/);
    const outside = (await (
      await call(app, '/api/match-reviews', { session: shanghaiRegulator })
    ).json()) as TQueue;
    expect(outside.total).toBe(0);
  });

  it('confirms with a reason, refuses a second decision and other jurisdictions, and undoes', async () => {
    const queue = (await (await call(app, '/api/match-reviews', { session: regulator })).json()) as TQueue;
    const resultId = queue.items[0]!.resultId;
    const noReason = await call(app, `/api/match-results/${resultId}/review`, {
      session: regulator,
      method: 'POST',
      body: { decision: 'confirm', reason: ' ' },
    });
    expect(noReason.status).toBe(400);
    const outside = await call(app, `/api/match-results/${resultId}/review`, {
      session: shanghaiRegulator,
      method: 'POST',
      body: { decision: 'confirm', reason: '核实' },
    });
    expect(outside.status).toBe(403);
    const auditorTry = await call(app, `/api/match-results/${resultId}/review`, {
      session: auditor,
      method: 'POST',
      body: { decision: 'confirm', reason: '核实' },
    });
    expect(auditorTry.status).toBe(403);

    const confirmed = await call(app, `/api/match-results/${resultId}/review`, {
      session: regulator,
      method: 'POST',
      body: { decision: 'confirm', reason: '人事档案核实为同一人' },
    });
    expect(confirmed.status).toBe(200);
    const item = (await confirmed.json()) as TQueue['items'][number];
    expect(item.review).toMatchObject({ decision: 'confirm' });
    const again = await call(app, `/api/match-results/${resultId}/review`, {
      session: regulator,
      method: 'POST',
      body: { decision: 'reject', reason: '改判' },
    });
    expect(again.status).toBe(409);
    const pending = (await (await call(app, '/api/match-reviews', { session: regulator })).json()) as TQueue;
    expect(pending.total).toBe(0);

    const undone = await call(app, `/api/match-reviews/${item.review!.id}/undo`, {
      session: regulator,
      method: 'POST',
      body: { reason: '误点' },
    });
    expect(undone.status).toBe(200);
    const back = (await (await call(app, '/api/match-reviews', { session: regulator })).json()) as TQueue;
    expect(back.items.map((i) => i.resultId)).toEqual([resultId]);
  });
});

describe('POST /api/officials/check', () => {
  const check = (body: unknown, session = regulator) =>
    call(app, '/api/officials/check', { session, method: 'POST', body });

  it('proposes a near namesake for review with its reasons, and finds nobody for a stranger', async () => {
    const near = (await (await check({ name: '张建国', birthDate: '1962-08-01' })).json()) as {
      decision: string;
      score: number;
      reasons: { weight: number }[];
      record: { id: number; status: string } | null;
      index: { rosterRecords: number };
    };
    expect(near.decision).toBe('possible');
    expect(near.record).toMatchObject({ status: 'serving' });
    expect(world.namesakeRecordIds).toContain(near.record!.id);
    expect(near.reasons.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(near.score, 1);
    expect(near.index.rosterRecords).toBe(53);
    const stranger = (await (await check({ name: '司马相如', birthDate: '1990-05-05' })).json()) as {
      decision: string;
    };
    expect(stranger.decision).toBe('no_match');
  });

  it('matches on the resident ID, never echoes it, and audits the check without it', async () => {
    const { rows } = await db.query<{ id_cipher: string }>(
      `SELECT rr.id_cipher FROM roster_records rr WHERE rr.name = '欧阳修远'`,
    );
    const residentId = protector.decrypt(rows[0]!.id_cipher);
    const response = await check({ name: '欧阳修远', residentId, birthDate: '1966-02-11' });
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ decision: 'match', record: { status: 'serving' } });
    expect(text).not.toContain(residentId);
    const { rows: audit } = await db.query<{ detail: Record<string, unknown>; actor_label: string }>(
      `SELECT detail, actor_label FROM audit_events WHERE action = 'official.check' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]).toMatchObject({
      actor_label: 'reg-bj',
      detail: { decision: 'match', withResidentId: true },
    });
    expect(JSON.stringify(audit[0])).not.toContain(residentId);
    expect(JSON.stringify(audit[0])).not.toContain('欧阳修远');
  });

  it('refuses a request without a name and callers who may not check', async () => {
    expect((await check({ birthDate: '1962-01-08' })).status).toBe(400);
    expect((await check({ name: '张建国', birthDate: '1962-13-40x' })).status).toBe(400);
    expect((await check({ name: '张建国' }, auditor)).status).toBe(403);
  });
});
