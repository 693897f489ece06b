import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import type { TAssociationRecord } from '../../src/core/registry/types.ts';
import { upsertAssociations } from '../../src/db/repositories/registry.repository.ts';
import { EXACT_COUNT_LIMIT } from '../../src/db/repositories/registry-read.repository.ts';
import { openTestDatabase } from '../support/database.ts';
import { createLink, testProtector } from '../support/factories.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from './support.ts';
import { buildWorld, type TWorld } from './world.ts';

/**
 * The search over a registry with more matches than are counted exactly: bounded totals, the
 * bigram lookup of two-character words and the newest-first sort, through the HTTP API.
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let admin: TSession;
let world: TWorld;
const protector = testProtector();

type TPage = {
  items: { uscc: string; name: string; registeredOn: string | null; organs: { code: string }[] }[];
  total: number;
  totalIsEstimate: boolean;
};

const SECTORS = ['钢铁', '煤炭', '纺织', '软件', '物流'];
const EXTRA = EXACT_COUNT_LIMIT + 200;

function record(i: number): TAssociationRecord {
  const body = `B${String(i).padStart(7, '0')}`;
  return {
    uscc: composeUscc('5', '1', '130102', body),
    // Sector words land at different places in the name, so a two-character word can straddle them.
    name: i % 2 === 0 ? `石家庄市第${i}${SECTORS[i % 5]}行业协会` : `${SECTORS[i % 5]}第${i}商会`,
    level: 'municipal',
    regionCode: '130102',
    industry: '制造业',
    registrar: '石家庄市民政局',
    foundedOn: '2001-05-01',
    // Every seventh has no registration day on record.
    registeredOn:
      i % 7 === 0
        ? null
        : `20${String(10 + (i % 15)).padStart(2, '0')}-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    status: 'active',
    address: '河北省石家庄市长安区测试路1号',
    phone: '0311-00000000',
    memberCount: 50,
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  world = await buildWorld(db, protector);
  const records = Array.from({ length: EXTRA }, (_, i) => record(i + 1));
  await db.transaction((tx) => upsertAssociations(tx, records));
  await db.exec('ANALYZE associations');
  app = createTestApp(db, protector);
  admin = await login(app, world.accounts.admin.username);
});

afterAll(async () => {
  await db.drop();
});

async function search(query: string): Promise<TPage> {
  const response = await call(app, `/api/associations?${query}`, { session: admin });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as TPage;
}

/** Names holding `word`, found without LIKE or any index; optionally within a region prefix. */
async function namesContaining(word: string, regionPrefix = ''): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    'SELECT name FROM associations WHERE strpos(name, $1) > 0 AND starts_with(region_code, $2) ORDER BY name',
    [word, regionPrefix],
  );
  return rows.map((r) => r.name);
}

describe('bounded totals', () => {
  it(`counts exactly up to ${EXACT_COUNT_LIMIT} matches and flags the total as an estimate past it`, async () => {
    const all = await search('pageSize=20');
    expect(all.totalIsEstimate).toBe(true);
    expect(all.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(all.items).toHaveLength(20);

    const narrow = await search(`q=${encodeURIComponent('钢铁')}&pageSize=100`);
    expect(narrow.totalIsEstimate).toBe(false);
    expect(narrow.total).toBe((await namesContaining('钢铁')).length);
  });

  it('still serves a page past the first thousand matches when the total is an estimate', async () => {
    const page = await search(`sort=uscc&pageSize=100&page=${EXACT_COUNT_LIMIT / 100 + 1}`);
    expect(page.totalIsEstimate).toBe(true);
    expect(page.items.length).toBeGreaterThan(0);
    const { rows } = await db.query<{ uscc: string }>(
      `SELECT uscc FROM associations ORDER BY uscc OFFSET ${EXACT_COUNT_LIMIT} LIMIT 100`,
    );
    expect(page.items.map((i) => i.uscc)).toEqual(rows.map((r) => r.uscc));
  });

  it('answers the public search with the same bounded total', async () => {
    const response = await app.request('/api/public/associations?pageSize=5');
    const body = (await response.json()) as TPage;
    expect(body.totalIsEstimate).toBe(true);
    expect(body.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
  });
});

describe('organs of a page', () => {
  it('lists the current organs on the first page and on a page deep into the results alike', async () => {
    const { rows } = await db.query<{ uscc: string; name: string }>(
      `SELECT uscc, name FROM associations ORDER BY uscc OFFSET ${EXACT_COUNT_LIMIT} LIMIT 1`,
    );
    const target = rows[0]!;
    await createLink(db, {
      organCode: world.organs.beijingBureau.code,
      associationUscc: target.uscc,
      kind: 'supervisor',
      startedOn: '2010-01-01',
    });
    const first = await search(`q=${encodeURIComponent(target.name)}`);
    expect(first.items[0]?.uscc).toBe(target.uscc);
    expect(first.items[0]?.organs.map((o) => o.code)).toEqual([world.organs.beijingBureau.code]);
    const deep = await search(`sort=uscc&pageSize=100&page=${EXACT_COUNT_LIMIT / 100 + 1}`);
    expect(deep.items[0]?.uscc).toBe(target.uscc);
    expect(deep.items[0]?.organs.map((o) => o.code)).toEqual([world.organs.beijingBureau.code]);
    expect(deep.items.slice(1).every((i) => i.organs.length === 0)).toBe(true);
  });
});

describe('two-character words', () => {
  it('find exactly the names containing them, wherever the two characters fall', async () => {
    // '铁行' straddles a sector and 行业; '第1' mixes a character and a digit; '商会' ends names.
    for (const word of ['钢铁', '铁行', '第1', '商会', '庄市']) {
      const expected = await namesContaining(word, '1301');
      const page = await search(`q=${encodeURIComponent(word)}&region=130100&sort=name&pageSize=100`);
      const exact = expected.length <= EXACT_COUNT_LIMIT;
      expect(page.totalIsEstimate, word).toBe(!exact);
      if (exact) expect(page.total, word).toBe(expected.length);
      expect(
        page.items.every((i) => i.name.includes(word)),
        word,
      ).toBe(true);
    }
  });

  it('match a name that is itself two characters, and nothing when no name holds them', async () => {
    const extra = { ...record(EXTRA + 1), uscc: composeUscc('5', '1', '130102', 'C0000001'), name: '钢会' };
    await db.transaction((tx) => upsertAssociations(tx, [extra]));
    expect((await search(`q=${encodeURIComponent('钢会')}`)).items.map((i) => i.name)).toEqual(['钢会']);
    const none = await search(`q=${encodeURIComponent('鲸鱼')}`);
    expect(none.items).toEqual([]);
    expect(none.total).toBe(0);
  });
});

describe('newest-first sort', () => {
  it('lists associations by registration day descending, undated ones last', async () => {
    const { rows } = await db.query<{ uscc: string }>(
      `SELECT uscc FROM associations ORDER BY registered_on DESC NULLS LAST, uscc DESC LIMIT 100 OFFSET 900`,
    );
    const page = await search('sort=-registeredOn&pageSize=100&page=10');
    expect(page.items.map((i) => i.uscc)).toEqual(rows.map((r) => r.uscc));
    const { rows: counted } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM associations');
    const last = await search(`sort=-registeredOn&pageSize=100&page=${Math.ceil(counted[0]!.n / 100)}`);
    expect(last.items.at(-1)?.registeredOn).toBeNull();
  });
});

describe('GET /api/registry/summary', () => {
  type TSummary = { total: number; byStatus: Record<string, number>; byLevel: Record<string, number> };
  async function summary(session: TSession): Promise<TSummary> {
    const response = await call(app, '/api/registry/summary', { session });
    expect(response.status).toBe(200);
    return (await response.json()) as TSummary;
  }

  it('counts exactly where the search only estimates, by status and by level', async () => {
    const all = await summary(admin);
    const { rows } = await db.query<{ status: string; level: string; n: number }>(
      'SELECT status, level, count(*)::int AS n FROM associations GROUP BY status, level',
    );
    const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(pick).reduce((total, r) => total + r.n, 0);
    expect(all.total).toBe(sum(() => true));
    expect(all.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect((await search('pageSize=1')).totalIsEstimate).toBe(true);
    expect(all.byStatus).toEqual({
      active: sum((r) => r.status === 'active'),
      deregistered: sum((r) => r.status === 'deregistered'),
      revoked: sum((r) => r.status === 'revoked'),
    });
    expect(all.byLevel.municipal).toBe(sum((r) => r.level === 'municipal'));
    expect(Object.values(all.byLevel).reduce((a, b) => a + b, 0)).toBe(all.total);
  });

  it('counts only inside the caller’s jurisdiction', async () => {
    const beijing = await summary(await login(app, world.accounts.regulator.username));
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM associations WHERE starts_with(region_code, '11')`,
    );
    expect(beijing.total).toBe(rows[0]!.n);
    expect(beijing.total).toBeLessThan((await summary(admin)).total);
  });
});
