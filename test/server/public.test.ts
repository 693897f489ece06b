import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { call, createTestApp, type TTestApp } from './support.ts';
import { buildWorld, type TWorld } from './world.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  const protector = testProtector();
  world = await buildWorld(db, protector);
  app = createTestApp(db, protector);
});

afterAll(async () => {
  await db.drop();
});

/** Every personal datum of the fixture: names, IDs (full and masked), birth dates and years. */
function personalData(): string[] {
  return Object.values(world.posts).flatMap((post) => {
    const { name, residentId, birthDate } = post.person;
    return [
      name,
      residentId!,
      `${residentId!.slice(0, 6)}*`,
      birthDate!,
      `"birthYear"`,
      `"idMasked"`,
      '"person',
    ];
  });
}

describe('public API', () => {
  it('searches without a login and shows no personal data', async () => {
    const response = await call(app, '/api/public/associations?pageSize=100');
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as { items: Record<string, unknown>[]; total: number };
    expect(body.total).toBe(3);
    expect(Object.keys(body.items[0]!).sort()).toEqual(
      ['industry', 'level', 'name', 'regionCode', 'regionName', 'status', 'uscc'].sort(),
    );
    for (const datum of personalData()) expect(text).not.toContain(datum);
  });

  it('filters the public search by name and region', async () => {
    const byName = await call(app, `/api/public/associations?q=${encodeURIComponent('纺织')}`);
    expect(((await byName.json()) as { items: { uscc: string }[] }).items.map((i) => i.uscc)).toEqual([
      world.associations.shanghai.uscc,
    ]);
    const byRegion = await call(app, '/api/public/associations?region=110000');
    expect(((await byRegion.json()) as { total: number }).total).toBe(1);
  });

  it('shows one association with the organs it was linked to, and nobody who holds a post there', async () => {
    const response = await call(app, `/api/public/associations/${world.associations.national.uscc}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as { association: Record<string, unknown>; formerOrgans: unknown[] };
    expect(body.association).toMatchObject({
      name: '中国钢铁工业协会',
      registrar: '民政部',
      memberCount: 120,
    });
    expect(body.association).not.toHaveProperty('phone');
    expect(body.association).not.toHaveProperty('bankAccount');
    expect(body.formerOrgans).toEqual([
      {
        code: world.organs.ministryUnit.code,
        name: '国家测试部信息中心',
        kind: 'sponsor',
        startedOn: '1999-01-01',
        endedOn: '2018-06-30',
      },
    ]);
    for (const datum of personalData()) expect(text).not.toContain(datum);
  });

  it('ignores a session cookie: the public answer is the same for everyone', async () => {
    const anonymous = await (await call(app, '/api/public/associations')).text();
    const forged = await call(app, '/api/public/associations', {
      session: { cookie: 'tuogou_session=x', csrfToken: '' },
    });
    expect(await forged.text()).toBe(anonymous);
  });

  it('answers 404 for an unknown association', async () => {
    const response = await call(
      app,
      `/api/public/associations/${composeUscc('5', '1', '100000', '99999999')}`,
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No association has this USCC' },
    });
  });
});
