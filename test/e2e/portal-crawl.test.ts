import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../src/core/ids/resident-id.ts';
import { honoPath, ROUTE_TABLE } from '../../src/server/routes.ts';
import { findPersonalData, loadKnownPersons, type TKnownPersons } from '../portal/personal-data.ts';
import { startPortalServer, type TPortalServer } from '../portal/server.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

/**
 * No personal identifier anywhere on the portal: every public API route over every association and
 * every complaint of the demo data, and the portal's pages in Chromium.
 */
describe('public portal crawl for personal identifiers', () => {
  let server: TPortalServer;
  let browser: TestBrowser;
  let known: TKnownPersons;
  let usccs: string[];
  let codes: string[];
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    // A crawler is exactly what the limits stop; this one is ours.
    server = await startPortalServer({
      portalRateLimits: {
        publicApi: { capacity: 1_000_000, refillPerSecond: 1_000_000 },
        complaints: { capacity: 10, refillPerSecond: 1 },
      },
    });
    browser = await launchTestBrowser();
    known = await loadKnownPersons(server.db);
    usccs = (await server.db.query<{ uscc: string }>('SELECT uscc FROM associations ORDER BY uscc')).rows.map(
      (r) => r.uscc,
    );
    codes = (
      await server.db.query<{ code: string }>('SELECT tracking_code AS code FROM complaints ORDER BY id')
    ).rows.map((r) => r.code);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('recognises what it looks for', () => {
    const first17 = '11010519491231002';
    const id = `${first17}${residentIdCheckCharacter(first17)}`;
    const someone = [...known.longNames][0]!;
    const text = `{"a":"${id}","b":"110***********1234","c":"13912345678","d":"${someone}","birthDate":"x"}`;
    const kinds = findPersonalData(text, known, today).map((f) => f.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['resident_id', 'masked_id', 'mobile', 'name', 'birth_field']),
    );
    expect(known.longNames.size + known.shortNames.size).toBeGreaterThan(1000);
    expect(findPersonalData(`{"uscc":"${usccs[0]}","on":"2026-10-09"}`, known, today)).toEqual([]);
  });

  it('finds none in any public API answer for any association or complaint', async () => {
    const publicGets = ROUTE_TABLE.filter(
      (r) => r.definition.access.kind === 'public' && r.definition.route.method === 'get',
    ).map((r) => honoPath(r.definition.route));
    const paths: string[] = [];
    const skipped: string[] = [];
    for (const path of publicGets) {
      const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      if (params.length === 0) paths.push(path);
      else if (params.length === 1 && params[0] === 'uscc')
        for (const u of usccs) paths.push(path.replace(':uscc', u));
      else if (params.length === 1 && params[0] === 'code')
        for (const c of codes) paths.push(path.replace(':code', c));
      else skipped.push(path);
    }
    // Every page of the public search, as a crawler would walk it.
    for (let page = 1; page <= Math.ceil(usccs.length / 100); page += 1)
      paths.push(`/api/public/associations?pageSize=100&page=${page}`);
    const leaks: string[] = [];
    let checked = 0;
    for (const path of paths) {
      if (path === '/api/health' || path.startsWith('/api/auth')) continue;
      const response = await server.app.request(path);
      if (response.status === 404 && path.endsWith('/inspections')) continue;
      const body = await response.text();
      expect(response.status, `${path}: ${body.slice(0, 200)}`).toBeLessThan(500);
      for (const datum of findPersonalData(body, known, today))
        leaks.push(`${path}: ${datum.kind} ${datum.value}`);
      checked += 1;
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(usccs.length * 5);
    // Routes whose parameters are not an association or a complaint (draws, open-data files) are
    // crawled by their own tests; they are named here so a new one does not pass unseen.
    expect(
      skipped.every((p) => p.startsWith('/api/public/inspections') || p.startsWith('/api/public/open-data')),
    ).toBe(true);
  }, 1_800_000);

  it('finds none on the portal pages in Chromium', async () => {
    // Every association with complaints, the first 30 with a credit record, and one in every 300.
    const { rows } = await server.db.query<{ uscc: string }>(
      `SELECT uscc FROM (
         SELECT a.uscc, row_number() OVER (ORDER BY a.uscc) AS n,
                EXISTS (SELECT 1 FROM complaints c WHERE c.association_id = a.id) AS complained,
                EXISTS (SELECT 1 FROM credit_entries e WHERE e.association_id = a.id) AS listed
         FROM associations a) x
       WHERE complained OR n % 300 = 1
          OR uscc IN (SELECT a.uscc FROM associations a
                      WHERE EXISTS (SELECT 1 FROM credit_entries e WHERE e.association_id = a.id)
                      ORDER BY a.uscc LIMIT 30)
       ORDER BY uscc`,
    );
    const pages = [
      '/public',
      `/public?q=${encodeURIComponent('协会')}`,
      '/public/complaints/track',
      ...rows.map((r) => `/public/associations/${r.uscc}`),
      ...codes.map((c) => `/public/complaints/track?code=${c}`),
      `/public/complaints/new?uscc=${rows[0]!.uscc}`,
    ];
    const context = await browser.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const leaks: string[] = [];
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      // A lazily loaded page can still be rendering after the network is quiet on a loaded machine:
      // the crawl reads it once its content, not the loading indicator, is on the screen.
      await page.waitForFunction(
        () =>
          (document.body.textContent ?? '').length > 20 &&
          document.querySelector('.ant-spin-spinning') === null,
        undefined,
        { timeout: 30_000 },
      );
      // biome-ignore lint/performance/useDomNodeTextContent: the lines as shown matter for two-character names
      const text = await page.evaluate(() => document.body.innerText);
      expect(text.length, path).toBeGreaterThan(20);
      for (const datum of findPersonalData(text, known, today))
        leaks.push(`${path}: ${datum.kind} ${datum.value}`);
      // The page's own markup (attributes, hidden text) as well as what is shown.
      for (const datum of findPersonalData(await page.content(), known, today))
        if (datum.kind !== 'birth_field') leaks.push(`${path} (html): ${datum.kind} ${datum.value}`);
    }
    expect(leaks).toEqual([]);
    await context.close();
  }, 1_800_000);
});
