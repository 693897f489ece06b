import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardOverview } from '../../src/db/repositories/dashboard.repository.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from '../server/support.ts';
import { openTestDatabase } from '../support/database.ts';
import { createUser, testProtector } from '../support/factories.ts';
import { SEED_TODAY, seedDashboard, type TSeed } from './seed.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let seed: TSeed;
const sessions: Record<string, TSession> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  seed = await seedDashboard(db);
  // The dashboard reads "today" from the app's clock: the seeded country is read on its own day.
  app = createTestApp(db, testProtector(), { now: () => new Date(`${SEED_TODAY}T12:00:00+08:00`) });
  await createUser(db, { username: 'reg', role: 'regulator', scopeRegion: '100000' });
  await createUser(db, { username: 'reg-bj', role: 'regulator', scopeRegion: '110000' });
  await createUser(db, { username: 'bureau', role: 'organ', scopeOrganCode: seed.organs.bureau });
  await createUser(db, {
    username: 'assoc',
    role: 'association',
    scopeAssociationUscc: seed.cases.get('b1')!.uscc,
  });
  await createUser(db, { username: 'inspector', role: 'inspector', scopeRegion: '100000' });
  for (const name of ['reg', 'reg-bj', 'bureau', 'assoc', 'inspector'])
    sessions[name] = await login(app, name);
});
afterAll(async () => {
  await db?.drop();
});

async function getJson<T>(path: string, who: string): Promise<T> {
  const response = await call(app, path, { session: sessions[who] });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

type TOverviewAnswer = { overview: { cases: number; blocked: number; decoupled: number } };

describe('dashboard API', () => {
  it('answers the overview with the numbers of the dashboard query', async () => {
    const answer = await getJson<TOverviewAnswer & { aggregate: string }>('/api/dashboard/overview', 'reg');
    const expected = await dashboardOverview(db, { scope: { kind: 'all' }, filter: {}, today: SEED_TODAY });
    expect(answer.aggregate).toBe('overview');
    expect(answer.overview).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('keeps a regional regulator inside the region, and an organ to its own associations', async () => {
    expect((await getJson<TOverviewAnswer>('/api/dashboard/overview', 'reg-bj')).overview.cases).toBe(3);
    expect(
      (await getJson<TOverviewAnswer>('/api/dashboard/overview?jurisdiction=110105', 'reg-bj')).overview
        .cases,
    ).toBe(1);
    const outside = await call(app, '/api/dashboard/overview?jurisdiction=330000', {
      session: sessions['reg-bj'],
    });
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('outside_scope');
    const national = await call(app, '/api/dashboard/overview?jurisdiction=100000', {
      session: sessions['reg-bj'],
    });
    expect(national.status).toBe(403);
    expect((await getJson<TOverviewAnswer>('/api/dashboard/overview', 'bureau')).overview.cases).toBe(2);
    const organList = await getJson<{ items: { uscc: string }[] }>('/api/dashboard/progress/list', 'bureau');
    expect(organList.items.map((i) => i.uscc).sort()).toEqual(
      [seed.cases.get('n3')!.uscc, seed.cases.get('n4')!.uscc].sort(),
    );
  });

  it('refuses association staff and inspectors', async () => {
    for (const who of ['assoc', 'inspector']) {
      const response = await call(app, '/api/dashboard/overview', { session: sessions[who] });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });

  it('refuses bad filters with the field and what was expected', async () => {
    const reversed = await call(app, '/api/dashboard/trend?from=2020-06-01&to=2020-01-01', {
      session: sessions.reg,
    });
    expect(reversed.status).toBe(400);
    expect(((await reversed.json()) as { error: { message: string } }).error.message).toMatch(
      /from.*must not be after/,
    );
    const region = await call(app, '/api/dashboard/overview?jurisdiction=999999', { session: sessions.reg });
    expect(region.status).toBe(400);
    expect(((await region.json()) as { error: { message: string } }).error.message).toMatch(/jurisdiction/);
    const unknown = await call(app, '/api/dashboard/nothing', { session: sessions.reg });
    expect(unknown.status).toBe(400);
  });

  it('drills a chart segment down to its list, each aggregate row to as many items', async () => {
    const organs = await getJson<{ rows: { code: string; total: number; blocked: number }[] }>(
      '/api/dashboard/organs',
      'reg',
    );
    for (const row of organs.rows) {
      const list = await getJson<{ kind: string; total: number; items: unknown[] }>(
        `/api/dashboard/organs/list?segmentOrgan=${row.code}&stage=blocked&pageSize=200`,
        'reg',
      );
      expect(list.kind).toBe('cases');
      expect(list.total).toBe(row.blocked);
      expect(list.items).toHaveLength(row.blocked);
    }
    const findings = await getJson<{ rows: { family: string; severity: string; count: number }[] }>(
      '/api/dashboard/findings',
      'reg',
    );
    const pers = findings.rows.find((r) => r.family === 'PERS')!;
    const list = await getJson<{ kind: string; total: number; items: { ruleId: string }[] }>(
      `/api/dashboard/findings/list?family=PERS&severity=${pers.severity}`,
      'reg',
    );
    expect(list.kind).toBe('findings');
    expect(list.total).toBe(pers.count);
    expect(list.items.every((i) => i.ruleId === 'PERS-1')).toBe(true);
  });

  it('exports the list behind a segment as XLSX, and audits the export', async () => {
    const response = await call(app, '/api/dashboard/regions/list.xlsx?province=11', {
      session: sessions.reg,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('协会名称');
    const names = sheet.getColumn(3).values.slice(2).map(String).sort();
    expect(names).toEqual(['b1', 'b2', 'b3'].map((k) => seed.cases.get(k)!.name).sort());
    const audit = await db.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_events WHERE action = 'dashboard.export' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit.rows[0]?.entity_id).toBe('regions');
  });

  it('reflects a case the workflow blocks, on the dashboard and in a freshly generated summary', async () => {
    const before = await getJson<TOverviewAnswer>('/api/dashboard/overview', 'reg');
    const moved = await call(app, `/api/cases/${seed.cases.get('n3')!.id}/transition`, {
      session: sessions.reg,
      method: 'POST',
      body: { to: 'blocked', blockedReason: 'policy_gap', reason: '配套政策待出台' },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const after = await getJson<TOverviewAnswer>('/api/dashboard/overview', 'reg');
    expect(after.overview.blocked).toBe(before.overview.blocked + 1);
    const blocked = await getJson<{ rows: { reason: string; count: number }[] }>(
      '/api/dashboard/blocked',
      'reg',
    );
    expect(blocked.rows.find((r) => r.reason === 'policy_gap')?.count).toBe(2);

    const summary = await call(app, '/api/work-summary?format=docx&from=2020-01-01', {
      session: sessions.reg,
    });
    expect(summary.status).toBe(200);
    expect(summary.headers.get('content-disposition')).toMatch(/work-summary-100000-2020-12-15\.docx/);
    const zip = await JSZip.loadAsync(await summary.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(`受阻案件${after.overview.blocked}件`);
    expect(text).toContain('配套政策不完善2件');
    expect(text).toContain(seed.cases.get('n3')!.name);
  }, 120_000);
});
