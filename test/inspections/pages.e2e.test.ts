import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import { seedDemoInspections } from '../../src/demo/seed-inspections.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { createApp } from '../../src/server/app.ts';
import { createDemoUsers, DEMO_PASSWORD } from '../../src/server/demo-users.ts';
import type { TInspectionOutcome } from '../../web/src/api/inspections.ts';
import { OUTCOME_LABELS } from '../../web/src/pages/inspections/text.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';
import { openTestDatabase } from '../support/database.ts';
import { listen } from './support.ts';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The demo's inspections in Chromium, as `tuogou serve --demo` shows them: the public draw pages
 * (commitment before the draw, seed and selection after it, how to verify) and the inspector's own
 * assignments in the back office, where an inspector records a result.
 */
describe('random inspections in the browser', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: TestBrowser;
  let demo: Awaited<ReturnType<typeof seedDemoInspections>>;

  beforeAll(async () => {
    db = await openTestDatabase();
    const protector = createPersonalDataProtector('5e'.repeat(32));
    await loadDemoDataset({ db, protector, scale: 'demo', seed: 2015 });
    await createDemoUsers(db);
    demo = await seedDemoInspections(db, '2026-12-04');
    server = await listen(createApp({ db, config: loadConfig({}), protector, webDistDir: WEB_DIST }));
    browser = await launchTestBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.drop();
  });

  it('lists the draws publicly and shows a committed draw with its commitment and no seed', async () => {
    if (!demo.created) throw new Error('the demo inspections were not created');
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/public/inspections`);
    await page.getByTestId('public-draws-table').waitFor();
    await expect(page.getByTestId('public-draws-table').textContent()).resolves.toContain(demo.yearly);
    await page.getByRole('link', { name: demo.irregular! }).click();
    await page.getByTestId('draw-commitment-value').waitFor();
    const commitment = await page.getByTestId('draw-commitment-value').textContent();
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('draw-seed-pending').waitFor();
    expect(await page.getByTestId('draw-seed').count()).toBe(0);
    await page.close();
  });

  it('shows a published draw with seed, quotas, selection, results and the verify command', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/public/inspections/${demo.created ? demo.yearly : ''}`);
    await page.getByTestId('draw-seed').waitFor();
    expect(await page.getByTestId('draw-seed').textContent()).toMatch(/^[0-9a-f]{64}$/);
    const rows = await page.getByTestId('draw-selections').locator('tbody tr').count();
    expect(rows).toBe(demo.created ? demo.selections : -1);
    await page.getByTestId('draw-results').waitFor();
    expect(await page.getByTestId('draw-verify').textContent()).toContain(
      `tuogou inspections verify ${demo.created ? demo.yearly : ''}`,
    );

    // The inspected association's public page names the outcome in words, not as a code.
    const { rows: inspectedRows } = await db.query<{ uscc: string; outcome: TInspectionOutcome }>(
      `SELECT rtrim(a.uscc) AS uscc, r.outcome FROM inspection_results AS r
       JOIN inspection_draws AS d ON d.id = r.draw_id AND d.state = 'published'
       JOIN associations AS a ON a.id = r.association_id
       ORDER BY r.outcome DESC, a.uscc LIMIT 1`,
    );
    const inspected = inspectedRows[0]!;
    await page.goto(`${server.url}/public/associations/${inspected.uscc}`);
    const outcome = page.getByTestId('public-inspection-outcome').first();
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe(OUTCOME_LABELS[inspected.outcome].zh);
    await page.close();
  });

  it('lets the demo inspector open an assignment and record a result in a draw still under way', async () => {
    // A second yearly draw, made and assigned, so that the inspector has open work.
    const context = await browser.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    const page: Page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('regulator');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user-name').waitFor();
    await page.goto(`${server.url}/inspections`);
    await page.getByTestId('create-draw').click();
    await page.getByTestId('draw-detail').waitFor();
    await page.getByTestId('reveal-draw').click();
    await page.getByTestId('assign-inspectors').waitFor();
    await page.getByTestId('assign-inspectors').click();
    await page.getByTestId('record-result').first().waitFor();
    await context.close();

    const inspector = await browser.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    const ip = await inspector.newPage();
    await ip.goto(`${server.url}/login`);
    await ip.getByTestId('login-username').fill('inspector');
    await ip.getByTestId('login-password').fill(DEMO_PASSWORD);
    await ip.getByTestId('login-submit').click();
    await ip.getByTestId('current-user-name').waitFor();
    await ip.goto(`${server.url}/inspections`);
    await ip.getByTestId('assignments-table').waitFor();
    await ip.getByTestId('record-own-result').first().click();
    const today = new Date().toISOString().slice(0, 10);
    await ip.locator('#inspectedOn').fill(today);
    await ip.locator('#inspectedOn').press('Enter');
    await ip.locator('#summaryZh').fill('章程执行情况良好');
    await ip.locator('#summaryEn').fill('The charter is followed');
    await ip.getByRole('button', { name: /OK|确\s*定/ }).click();
    await ip
      .getByTestId('record-own-result')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(() => {});
    const mine = (await (
      await inspector.request.get(`${server.url}/api/inspections/assignments`)
    ).json()) as {
      items: { drawId: string; drawState: string; uscc: string; resultOutcome: string | null }[];
    };
    const recorded = mine.items.filter((i) => i.drawState === 'drawn' && i.resultOutcome === 'compliant');
    expect(recorded).toHaveLength(1);
    await inspector.close();
  }, 300_000);
});
