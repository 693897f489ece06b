import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/repositories/audit.repository.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from './support.ts';
import { buildWorld, type TWorld } from './world.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TWorld;
let admin: TSession;
let organ: TSession;

beforeAll(async () => {
  db = await openTestDatabase();
  const protector = testProtector();
  world = await buildWorld(db, protector);
  app = createTestApp(db, protector);
  admin = await login(app, world.accounts.admin.username);
  organ = await login(app, world.accounts.organ.username);
});

afterAll(async () => {
  await db.drop();
});

type TOrganPage = {
  items: { code: string; parentCode: string | null; associationCount: number }[];
  total: number;
};

describe('GET /api/organs', () => {
  it('lists organs with their parent and the number of associations linked now', async () => {
    const response = await call(app, '/api/organs?pageSize=100', { session: admin });
    const body = (await response.json()) as TOrganPage;
    expect(body.total).toBe(4);
    const unit = body.items.find((i) => i.code === world.organs.ministryUnit.code)!;
    expect(unit).toMatchObject({ parentCode: world.organs.ministry.code, associationCount: 0 });
    const bureau = body.items.find((i) => i.code === world.organs.beijingBureau.code)!;
    expect(bureau.associationCount).toBe(1);
  });

  it('searches organs by name', async () => {
    const response = await call(app, `/api/organs?q=${encodeURIComponent('上海')}`, { session: admin });
    expect(((await response.json()) as TOrganPage).items.map((i) => i.code)).toEqual([
      world.organs.shanghaiBureau.code,
    ]);
  });

  it('shows organ staff their organ and the units below it only', async () => {
    const response = await call(app, '/api/organs?pageSize=100', { session: organ });
    const codes = ((await response.json()) as TOrganPage).items.map((i) => i.code).sort();
    expect(codes).toEqual([world.organs.ministry.code, world.organs.ministryUnit.code].sort());
  });
});

describe('GET /api/organs/:code', () => {
  it('returns the organ with its units and the associations linked to it', async () => {
    const response = await call(app, `/api/organs/${world.organs.ministry.code}`, { session: organ });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      organ: Record<string, unknown>;
      children: { code: string }[];
      associations: { uscc: string }[];
    };
    expect(body.organ).toMatchObject({ name: '国家测试部', regionName: '全国', parent: null });
    expect(body.children.map((c) => c.code)).toEqual([world.organs.ministryUnit.code]);
    expect(body.associations).toEqual([]);
    const unit = await call(app, `/api/organs/${world.organs.ministryUnit.code}`, { session: organ });
    const unitBody = (await unit.json()) as { associations: { uscc: string }[]; organ: { parent: unknown } };
    expect(unitBody.associations.map((a) => a.uscc)).toEqual([world.associations.national.uscc]);
    expect(unitBody.organ.parent).toEqual({ code: world.organs.ministry.code, name: '国家测试部' });
  });

  it('answers 404 for an unknown organ code', async () => {
    const response = await call(app, '/api/organs/NO-SUCH-ORGAN', { session: admin });
    expect(response.status).toBe(404);
  });
});

describe('GET /api/regions', () => {
  it('lists provinces without a parent, prefectures of a province, counties of a prefecture', async () => {
    const provinces = (await (await call(app, '/api/regions')).json()) as {
      items: { code: string; name: string }[];
    };
    expect(provinces.items).toContainEqual({ code: '110000', name: '北京市' });
    expect(provinces.items.length).toBeGreaterThanOrEqual(31);
    const prefectures = (await (await call(app, '/api/regions?parent=130000')).json()) as {
      items: { code: string }[];
    };
    expect(prefectures.items.map((p) => p.code)).toContain('130100');
    expect(prefectures.items.every((p) => p.code.startsWith('13'))).toBe(true);
    const counties = (await (await call(app, '/api/regions?parent=110100')).json()) as {
      items: { code: string; name: string }[];
    };
    expect(counties.items).toContainEqual({ code: '110105', name: '朝阳区' });
  });

  it('rejects a parent that is not a region code', async () => {
    expect((await call(app, '/api/regions?parent=123')).status).toBe(400);
  });
});

describe('GET /api/audit-events', () => {
  it('pages the audit log newest first, and the chain behind it verifies', async () => {
    const auditor = await login(app, world.accounts.auditor.username);
    const response = await call(app, '/api/audit-events?pageSize=2', { session: auditor });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { seq: number; action: string }[]; total: number };
    expect(body.items).toHaveLength(2);
    expect(body.items[0]!.seq).toBeGreaterThan(body.items[1]!.seq);
    expect(body.items[0]!.action).toBe('auth.login');
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
