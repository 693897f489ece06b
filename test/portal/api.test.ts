import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrackingCode } from '../../src/core/complaints/tracking-code.ts';
import { call, createTestApp, fromAddress, login, type TSession, type TTestApp } from '../server/support.ts';
import { buildWorld, type TWorld } from '../server/world.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { fileAllAnnualReports, insertFeeItem } from './support.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TWorld;
let regulator: TSession;
let admin: TSession;
let feeItemId: string;
// The clock of the app: a Wednesday before the 2026 National Day week.
let now = new Date('2026-09-30T02:00:00Z');

beforeAll(async () => {
  db = await openTestDatabase();
  const protector = testProtector();
  world = await buildWorld(db, protector);
  app = createTestApp(db, protector, { now: () => now });
  regulator = await login(app, world.accounts.regulator.username);
  admin = await login(app, world.accounts.admin.username);
  for (const a of Object.values(world.associations)) await fileAllAnnualReports(db, a.uscc);
  feeItemId = await insertFeeItem(db, {
    uscc: world.associations.beijing.uscc,
    ref: 'F-AWARD',
    name: '行业十佳企业评选费',
    category: 'award',
    amount: 30000,
  });
});

afterAll(async () => {
  await db.drop();
});

type TReceipt = { trackingCode: string; family: string | null; feeRule: string | null; resolveBy: string };

async function fileComplaint(body: Record<string, unknown>, address = '203.0.113.7') {
  return app.request(
    '/api/public/complaints',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    fromAddress(address),
  );
}

describe('complaints', () => {
  it('takes an anonymous complaint, classifies it, links the fee item and gives a tracking code', async () => {
    const response = await fileComplaint({
      uscc: world.associations.beijing.uscc,
      text: '参加“行业十佳企业评选”要交3万元评选费，说是表彰先进，不交就不给评。',
    });
    expect(response.status).toBe(200);
    const receipt = (await response.json()) as TReceipt;
    expect(parseTrackingCode(receipt.trackingCode)).toEqual({ valid: true, code: receipt.trackingCode });
    expect(receipt).toMatchObject({ family: 'FEE', feeRule: 'FEE-6' });
    // 20 working days from 2026-09-30 cross the National Day week and the make-up Saturday.
    expect(receipt.resolveBy).toBe('2026-11-03');
    const { rows } = await db.query<{ fee_item_id: string; contact_cipher: string | null }>(
      'SELECT fee_item_id::text, contact_cipher FROM complaints WHERE tracking_code = $1',
      [receipt.trackingCode],
    );
    expect(rows[0]).toEqual({ fee_item_id: feeItemId, contact_cipher: null });
  });

  it('refuses a fee item of another association and an unknown association, naming the field', async () => {
    const wrong = await fileComplaint({
      uscc: world.associations.shanghai.uscc,
      text: '这个收费项目不合理，请核查。',
      feeItemRef: 'F-AWARD',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('feeItemRef');
    const unknown = await fileComplaint({ uscc: '51110000MJ0000001X', text: '这个协会乱收费，请核查。' });
    expect([400, 404]).toContain(unknown.status);
  });

  it('keeps a contact encrypted and out of every answer', async () => {
    const response = await fileComplaint({
      uscc: world.associations.beijing.uscc,
      text: '协会会长是刚退休的局长，还在兼职领取补贴。',
      contact: '13912345678',
    });
    const receipt = (await response.json()) as TReceipt;
    expect(JSON.stringify(receipt)).not.toContain('13912345678');
    const { rows } = await db.query<{ contact_cipher: string }>(
      'SELECT contact_cipher FROM complaints WHERE tracking_code = $1',
      [receipt.trackingCode],
    );
    expect(rows[0]!.contact_cipher).toMatch(/^v1\./);
    const tracked = await call(app, `/api/public/complaints/${receipt.trackingCode}`);
    expect(await tracked.text()).not.toContain('13912345678');
    const inbox = await call(app, '/api/complaints?pageSize=100', { session: regulator });
    expect(await inbox.text()).not.toContain('13912345678');
  });

  it('goes through the regulator inbox to a published outcome, every step audited', async () => {
    const receipt = (await (
      await fileComplaint({
        uscc: world.associations.beijing.uscc,
        text: '协会强制入会，不交会费就不给办理业务。',
      })
    ).json()) as TReceipt;
    const inbox = (await (await call(app, '/api/complaints?open=true', { session: regulator })).json()) as {
      items: { id: number; trackingCode: string; text: string }[];
    };
    const item = inbox.items.find((i) => i.trackingCode === receipt.trackingCode)!;
    expect(item.text).toContain('强制入会');
    const act = (body: unknown) =>
      call(app, `/api/complaints/${item.id}/actions`, { session: regulator, method: 'POST', body });

    expect((await act({ type: 'resolve', outcomeZh: '太早' })).status).toBe(409);
    expect((await act({ type: 'assign', assignee: 'nobody' })).status).toBe(400);
    expect((await act({ type: 'assign', assignee: world.accounts.regulator.username })).status).toBe(200);
    expect((await act({ type: 'start' })).status).toBe(200);
    expect((await act({ type: 'set_deadline', resolveBy: '2026-11-20' })).status).toBe(200);
    const resolved = await act({
      type: 'resolve',
      outcomeZh: '经查属实，已责令协会退还会费并停止强制入会。',
      outcomeEn: 'Confirmed; the association was ordered to refund the dues and stop compulsory membership.',
    });
    expect(resolved.status).toBe(200);
    const detail = (await resolved.json()) as { state: string; events: { action: string }[] };
    expect(detail.state).toBe('resolved');
    expect(detail.events.map((e) => e.action)).toEqual([
      'receive',
      'assign',
      'start',
      'set_deadline',
      'resolve',
    ]);

    const tracked = (await (
      await call(app, `/api/public/complaints/${receipt.trackingCode.toLowerCase()}`)
    ).json()) as {
      state: string;
      outcome: { zh: string };
      history: { state: string }[];
    };
    expect(tracked.state).toBe('resolved');
    expect(tracked.outcome.zh).toContain('退还会费');
    expect(tracked.history.map((h) => h.state)).toEqual([
      'received',
      'assigned',
      'investigating',
      'resolved',
    ]);
    const trackedText = JSON.stringify(tracked);
    expect(trackedText).not.toContain(world.accounts.regulator.username);

    const outcomes = (await (
      await call(app, `/api/public/associations/${world.associations.beijing.uscc}/complaints`)
    ).json()) as { items: { outcome: { zh: string } }[]; closed: number };
    expect(outcomes.closed).toBe(1);
    expect(outcomes.items[0]!.outcome.zh).toContain('退还会费');

    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity = 'complaint' AND entity_id = $1 ORDER BY seq`,
      [String(item.id)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'complaint.receive',
      'complaint.assign',
      'complaint.start',
      'complaint.set_deadline',
      'complaint.resolve',
    ]);
  });

  it('keeps a regulator of another region out of a complaint', async () => {
    const receipt = (await (
      await fileComplaint({
        uscc: world.associations.shanghai.uscc,
        text: '协会强制摊派赞助费用，企业苦不堪言。',
      })
    ).json()) as TReceipt;
    const { rows } = await db.query<{ id: number }>(
      'SELECT id::int FROM complaints WHERE tracking_code = $1',
      [receipt.trackingCode],
    );
    const response = await call(app, `/api/complaints/${rows[0]!.id}`, { session: regulator });
    expect(response.status).toBe(403);
    expect((await call(app, `/api/complaints/${rows[0]!.id}`, { session: admin })).status).toBe(200);
  });

  it('answers a mistyped tracking code with what is wrong and an unknown one with 404', async () => {
    const typo = await call(app, '/api/public/complaints/23456-789AO');
    expect(typo.status).toBe(400);
    expect(await typo.text()).toContain('0、1、I、L、O');
    expect((await call(app, '/api/public/complaints/23456-789A9')).status).toBe(404);
  });

  it('gives software that fills the hidden field a receipt and stores nothing', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaints');
    const response = await fileComplaint({
      uscc: world.associations.beijing.uscc,
      text: '协会强制入会，不交会费就不给办理业务。',
      website: 'http://spam.example',
    });
    expect(response.status).toBe(200);
    const receipt = (await response.json()) as TReceipt;
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaints');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect((await call(app, `/api/public/complaints/${receipt.trackingCode}`)).status).toBe(404);
  });
});

describe('rate limits', () => {
  it('lets a person file a few complaints and read pages, and answers a flood with 429 and Retry-After', async () => {
    const limited = createTestApp(db, testProtector(), {
      now: () => now,
      portalRateLimits: {
        publicApi: { capacity: 30, refillPerSecond: 1 },
        complaints: { capacity: 3, refillPerSecond: 1 / 180 },
      },
    });
    const post = (address: string) =>
      limited.request(
        '/api/public/complaints',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ uscc: world.associations.beijing.uscc, text: '协会强制入会，请核查处理。' }),
        },
        fromAddress(address),
      );
    for (let i = 0; i < 3; i += 1) expect((await post('198.51.100.1')).status).toBe(200);
    const refused = await post('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another person is not affected.
    expect((await post('198.51.100.2')).status).toBe(200);
    // A few minutes later the same person may file again.
    now = new Date(now.getTime() + 181_000);
    expect((await post('198.51.100.1')).status).toBe(200);

    const get = (address: string) =>
      limited.request(
        `/api/public/associations/${world.associations.beijing.uscc}`,
        {},
        fromAddress(address),
      );
    let ok = 0;
    let last: Response | undefined;
    for (let i = 0; i < 40; i += 1) {
      last = await get('198.51.100.3');
      if (last.status === 200) ok += 1;
    }
    expect(ok).toBe(30);
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('1');
    now = new Date('2026-09-30T02:00:00Z');
  });
});

describe('public association pages', () => {
  it('shows the five separations, published fees and an empty credit record without personal data', async () => {
    const uscc = world.associations.beijing.uscc;
    await db.query(
      `INSERT INTO decoupling_cases (association_id, ref, batch, jurisdiction, listed_on, state)
       SELECT id, 'C1', '2019-1', '110000', '2019-06-01', 'executing' FROM associations WHERE uscc = $1`,
      [uscc],
    );
    const scorecard = (await (await call(app, `/api/public/associations/${uscc}/scorecard`)).json()) as {
      separations: { id: string; state: string }[];
    };
    expect(scorecard.separations.map((s) => s.id)).toEqual([
      'institution',
      'functions',
      'assets_finance',
      'personnel',
      'party_foreign_affairs',
    ]);
    expect(scorecard.separations.every((s) => s.state === 'in_progress')).toBe(true);
    const fees = (await (await call(app, `/api/public/associations/${uscc}/fees`)).json()) as {
      fees: { name: string }[];
    };
    expect(fees.fees.map((f) => f.name)).toEqual(['行业十佳企业评选费']);
    const credit = (await (await call(app, `/api/public/associations/${uscc}/credit`)).json()) as {
      status: string;
    };
    expect(credit.status).toBe('clear');
    expect((await call(app, '/api/public/associations/91110000MA00000000/scorecard')).status).toBe(400);
  });
});

describe('credit workflow through the API', () => {
  it('records a ground, lists at once, takes an objection to a decision and removes after verification', async () => {
    const uscc = world.associations.beijing.uscc;
    const act = (body: unknown, session = regulator) =>
      call(app, `/api/associations/${uscc}/credit/actions`, { session, method: 'POST', body });
    const recorded = await act({
      type: 'record_ground',
      groundKey: 'abnormal:unreachable:test',
      list: 'abnormal',
      ground: 'unreachable',
      arisenOn: '2026-09-29',
      detailZh: '2026-09-29 核实通过登记住所无法取得联系',
      detailEn: 'verified unreachable at the registered address on 2026-09-29',
    });
    expect(recorded.status).toBe(200);
    const listed = (await recorded.json()) as {
      status: string;
      abnormal: { listedOn: string };
      history: { action: string; basis: { clause: string } }[];
    };
    expect(listed.status).toBe('abnormal');
    expect(listed.abnormal.listedOn).toBe('2026-09-30');
    expect(listed.history[0]!.basis.clause).toContain('第60号');

    const objection = (await (
      await act({
        type: 'object',
        list: 'abnormal',
        statementZh: '我会已恢复办公',
        statementEn: 'Office reopened',
      })
    ).json()) as { objections: { id: string; state: string; acceptBy: string }[] };
    expect(objection.objections[0]).toMatchObject({ state: 'filed', acceptBy: '2026-10-13' });
    const again = await act({
      type: 'object',
      list: 'abnormal',
      statementZh: '再次异议',
      statementEn: 'again',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('尚在处理中');
    const id = Number(objection.objections[0]!.id);
    expect((await act({ type: 'decide_objection', objectionId: id, decision: 'accept' })).status).toBe(200);
    const rejected = (await (
      await act({ type: 'decide_objection', objectionId: id, decision: 'reject', textZh: '仍无法联系' })
    ).json()) as { objections: { state: string }[]; status: string };
    expect(rejected.objections[0]!.state).toBe('rejected');
    expect(rejected.status).toBe('abnormal');

    const tooEarly = await act({ type: 'apply_repair', list: 'serious' });
    expect(tooEarly.status).toBe(409);
    const verified = (await (
      await act({ type: 'verify', groundKey: 'abnormal:unreachable:test' })
    ).json()) as { status: string; history: { action: string; reason: { zh: string } }[] };
    expect(verified.status).toBe('clear');
    expect(verified.history.map((h) => h.action)).toEqual(['listed', 'removed']);

    const publicCredit = (await (await call(app, `/api/public/associations/${uscc}/credit`)).json()) as {
      status: string;
      history: { action: string }[];
    };
    expect(publicCredit).toMatchObject({ status: 'clear' });
    expect(publicCredit.history.map((h) => h.action)).toEqual(['listed', 'removed']);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action LIKE 'credit.%' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'credit.record_ground',
      'credit.list',
      'credit.objection_file',
      'credit.objection_accept',
      'credit.objection_reject',
      'credit.verify_obligation',
      'credit.remove',
    ]);
    const mirror = await db.query<{ removed_on: string; obligation_fulfilled_on: string }>(
      `SELECT removed_on, obligation_fulfilled_on FROM credit_entries WHERE ref LIKE 'CR-%'`,
    );
    expect(mirror.rows).toEqual([{ removed_on: '2026-09-30', obligation_fulfilled_on: '2026-09-30' }]);
  });

  it('lists associations on the credit lists inside the regulator’s region only', async () => {
    const page = (await (await call(app, '/api/credit', { session: regulator })).json()) as {
      items: { uscc: string }[];
    };
    expect(page.items.map((i) => i.uscc)).toEqual([world.associations.beijing.uscc]);
  });
});
