import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import { openTestDatabase } from '../support/database.ts';
import { createAssociation, createLink, testProtector } from '../support/factories.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from './support.ts';
import { buildWorld, type TWorld } from './world.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TWorld;
const protector = testProtector();
let admin: TSession;
let regulatorBj: TSession;
let formulaUscc: string;

type TPage = { items: { uscc: string; name: string; organs: { code: string }[] }[]; total: number };

beforeAll(async () => {
  db = await openTestDatabase();
  world = await buildWorld(db, protector);
  // A prefecture-level association outside Beijing's city districts, and one with a hostile name.
  await createAssociation(db, {
    name: '河北省石家庄市钢铁行业协会',
    regionCode: '130102',
    level: 'municipal',
    industry: '冶金',
  });
  await createAssociation(db, {
    name: '北京市旧货行业协会',
    regionCode: '110108',
    level: 'municipal',
    status: 'deregistered',
    industry: '商贸',
  });
  formulaUscc = (
    await createAssociation(db, {
      name: '=HYPERLINK("http://evil.example","点我")',
      regionCode: '110105',
      level: 'municipal',
      industry: '+cmd',
    })
  ).uscc;
  app = createTestApp(db, protector);
  admin = await login(app, world.accounts.admin.username);
  regulatorBj = await login(app, world.accounts.regulator.username);
});

afterAll(async () => {
  await db.drop();
});

async function search(query: string, session = admin): Promise<TPage> {
  const response = await call(app, `/api/associations?${query}`, { session });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as TPage;
}

describe('GET /api/associations', () => {
  it('finds by a substring of the Chinese name', async () => {
    const page = await search(`q=${encodeURIComponent('软件')}`);
    expect(page.items.map((i) => i.name)).toEqual(['北京市软件行业协会']);
  });

  it('finds a name despite a missing character (trigram similarity)', async () => {
    const page = await search(`q=${encodeURIComponent('中国钢铁业协会')}`);
    expect(page.items[0]?.name).toBe('中国钢铁工业协会');
  });

  it('finds by USCC prefix, in lower case too', async () => {
    const prefix = world.associations.shanghai.uscc.slice(0, 10);
    const page = await search(`q=${prefix.toLowerCase()}`);
    expect(page.items.map((i) => i.uscc)).toEqual([world.associations.shanghai.uscc]);
    expect((await search(`uscc=${prefix}`)).items.map((i) => i.uscc)).toEqual([
      world.associations.shanghai.uscc,
    ]);
  });

  it('filters by province and by prefecture', async () => {
    const province = await search('region=110000&pageSize=100');
    expect(province.items.map((i) => i.name).sort()).toEqual(
      ['=HYPERLINK("http://evil.example","点我")', '北京市旧货行业协会', '北京市软件行业协会'].sort(),
    );
    const prefecture = await search('region=130100');
    expect(prefecture.items.map((i) => i.name)).toEqual(['河北省石家庄市钢铁行业协会']);
  });

  it('filters by level, status and industry', async () => {
    expect((await search('level=national')).items.map((i) => i.name)).toEqual(['中国钢铁工业协会']);
    expect((await search('status=deregistered')).items.map((i) => i.name)).toEqual(['北京市旧货行业协会']);
    expect((await search(`industry=${encodeURIComponent('冶金')}`)).total).toBe(2);
  });

  it('filters by organ, including associations linked to a unit below it and links that ended', async () => {
    const page = await search(`organ=${world.organs.ministry.code}`);
    expect(page.items.map((i) => i.uscc)).toEqual([world.associations.national.uscc]);
    expect(page.items[0]?.organs).toEqual([]);
  });

  it('lists the organs an association is linked to now', async () => {
    const page = await search(`q=${encodeURIComponent('软件')}`);
    expect(page.items[0]?.organs.map((o) => o.code)).toEqual([world.organs.beijingBureau.code]);
  });

  it('sorts and pages, with the total of all matches', async () => {
    const first = await search('sort=uscc&pageSize=2&page=1');
    const second = await search('sort=uscc&pageSize=2&page=2');
    const all = await search('sort=uscc&pageSize=100');
    expect(first.total).toBe(6);
    expect([...first.items, ...second.items].map((i) => i.uscc)).toEqual(
      all.items.slice(0, 4).map((i) => i.uscc),
    );
    expect(all.items.map((i) => i.uscc)).toEqual([...all.items.map((i) => i.uscc)].sort());
    const descending = await search('sort=-name&pageSize=100');
    expect(descending.items.map((i) => i.name)).toEqual(
      [...descending.items.map((i) => i.name)].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? 1 : -1)),
    );
  });

  it('shows a Beijing regulator only associations registered in Beijing', async () => {
    const page = await search('pageSize=100', regulatorBj);
    expect(page.total).toBe(3);
    expect(page.items.every((i) => i.uscc.slice(2, 4) === '11')).toBe(true);
    expect((await search('region=310000', regulatorBj)).total).toBe(0);
  });

  it('rejects malformed filters with 400 naming the parameter', async () => {
    for (const query of ['region=99', 'level=galactic', 'sort=size', 'pageSize=1000', 'page=0']) {
      const response = await call(app, `/api/associations?${query}`, { session: admin });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toContain(query.split('=')[0]);
    }
  });
});

describe('GET /api/associations/:uscc', () => {
  it('returns the association, its links with parent organs, and posts with masked IDs only', async () => {
    const response = await call(app, `/api/associations/${world.associations.national.uscc}`, {
      session: admin,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & {
      association: Record<string, unknown>;
      links: Record<string, unknown>[];
      posts: { person: Record<string, unknown> }[];
    };
    expect(body.association).toMatchObject({
      uscc: world.associations.national.uscc,
      name: '中国钢铁工业协会',
      regionName: '全国',
      foundedOn: '1995-05-01',
      memberCount: 120,
    });
    expect(body.links).toEqual([
      {
        organ: {
          code: world.organs.ministryUnit.code,
          name: '国家测试部信息中心',
          kind: 'public_institution',
          isAdministrative: false,
          parent: { code: world.organs.ministry.code, name: '国家测试部' },
        },
        kind: 'sponsor',
        startedOn: '1999-01-01',
        endedOn: '2018-06-30',
      },
    ]);
    expect(body.posts).toHaveLength(1);
    expect(body.posts[0]?.person).toMatchObject({ name: '王建国', sex: 'male', birthYear: 1955 });
    const residentId = world.posts.national.person.residentId!;
    expect(body.posts[0]?.person.idMasked).toMatch(/\*/);
    expect(JSON.stringify(body)).not.toContain(residentId);
    expect(JSON.stringify(body)).not.toContain('1955-01-02');
  });

  it('answers 404 for an unknown USCC and 400 for a malformed one', async () => {
    const unknown = composeUscc('5', '1', '110105', '99999999');
    const notFound = await call(app, `/api/associations/${unknown}`, { session: admin });
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const malformed = await call(app, '/api/associations/NOT-A-USCC', { session: admin });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain('USCC');
  });
});

describe('GET /api/associations/export', () => {
  it('writes every matching row into the CSV, not just one page, with formulas neutralised', async () => {
    const response = await call(app, '/api/associations/export?format=csv&region=110000', { session: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="associations-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toContain('统一社会信用代码');
    expect(lines).toHaveLength(4);
    const hostile = lines.find((l) => l.startsWith(formulaUscc))!;
    expect(hostile).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(hostile).toContain(",'+cmd,");
  });

  it('streams every row across export batches', async () => {
    for (let i = 0; i < 30; i++) {
      const association = await createAssociation(db, {
        name: `批量导出测试协会${i}`,
        regionCode: '320102',
        level: 'municipal',
      });
      await createLink(db, {
        organCode: world.organs.shanghaiBureau.code,
        associationUscc: association.uscc,
      });
    }
    const response = await call(app, '/api/associations/export?format=csv&region=320000', { session: admin });
    const rows = (await response.text()).trim().split('\n').slice(1);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.slice(0, 18))).size).toBe(30);
  });

  it('writes an XLSX workbook with the same rows and neutralised cells', async () => {
    const response = await call(app, '/api/associations/export?format=xlsx&region=110000', {
      session: admin,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    const names = [2, 3, 4].map((r) => String(sheet.getRow(r).getCell(2).value));
    expect(names).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    expect(sheet.getRow(1).getCell(1).value).toBe('统一社会信用代码');
  });

  it('exports only what the caller may see, and records the export in the audit log', async () => {
    const response = await call(app, '/api/associations/export?format=csv', { session: regulatorBj });
    const text = await response.text();
    expect(text).not.toContain(world.associations.shanghai.uscc);
    expect(text).toContain(world.associations.beijing.uscc);
    const { rows } = await db.query<{ action: string; actor_label: string }>(
      "SELECT action, actor_label FROM audit_events WHERE action = 'association.export' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]).toEqual({ action: 'association.export', actor_label: world.accounts.regulator.username });
  });
});

describe('GET /api/persons/:id/identifier', () => {
  it('discloses the full ID to a regulator and records who, whom and why', async () => {
    const personId = world.persons.beijing;
    const response = await call(
      app,
      `/api/persons/${personId}/identifier?reason=${encodeURIComponent('核查兼职情况')}`,
      {
        session: regulatorBj,
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ residentId: world.posts.beijing.person.residentId });
    const { rows } = await db.query<{
      actor_label: string;
      entity_id: string;
      detail: Record<string, unknown>;
    }>("SELECT actor_label, entity_id, detail FROM audit_events WHERE action = 'person.identifier.disclose'");
    expect(rows).toEqual([
      {
        actor_label: world.accounts.regulator.username,
        entity_id: String(personId),
        detail: { reason: '核查兼职情况' },
      },
    ]);
  });

  it('requires a reason and discloses nothing without one', async () => {
    const before = await db.query('SELECT seq FROM audit_events');
    const response = await call(app, `/api/persons/${world.persons.beijing}/identifier`, {
      session: regulatorBj,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('reason');
    const after = await db.query('SELECT seq FROM audit_events');
    expect(after.rows.length).toBe(before.rows.length);
  });

  it('answers 404 for a person without an ID on record', async () => {
    await db.query('UPDATE persons SET id_cipher = NULL WHERE id = $1', [world.persons.shanghai]);
    const response = await call(app, `/api/persons/${world.persons.shanghai}/identifier?reason=checking`, {
      session: admin,
    });
    expect(response.status).toBe(404);
  });
});
