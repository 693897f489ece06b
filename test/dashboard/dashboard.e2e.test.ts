import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startDemoServer } from '../support/app-server.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

const PASSWORD = 'demo-password-2026';

/** The number a statistic card shows. */
async function statValue(page: Page, id: string): Promise<number> {
  const text = await page.getByTestId(`stat-${id}`).locator('.ant-statistic-content').textContent();
  return Number(text?.replace(/\D/g, ''));
}

describe('the dashboard in the browser', () => {
  let server: RunningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchTestBrowser();
    // The demo country loads in about a minute on an idle machine; a busy one needs more.
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function loggedIn(username: string) {
    const context = await browser.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
      // Bars drawn at once: a click aimed at a bar still growing misses it on a slow machine.
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user-name').waitFor();
    return { page, context, close: () => context.close() };
  }

  it('draws the charts, drills a bar down to its list and exports the list as XLSX', async () => {
    const { page, context, close } = await loggedIn('regulator');
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('dashboard-title').waitFor();
    const chart = page.getByTestId('chart-progress');
    const filled = chart.locator('svg path[fill]:not([fill="none"])');
    await filled.first().waitFor();
    // The headline numbers are the API's for the same (empty) filter.
    const overview = (await (await context.request.get(`${server.url}/api/dashboard/overview`)).json()) as {
      overview: { cases: number };
    };
    await expect.poll(() => statValue(page, 'cases')).toBe(overview.overview.cases);
    expect(overview.overview.cases).toBeGreaterThan(0);

    // The largest filled shape of the bar chart is a bar (legend marks are small).
    const bars = await filled.all();
    let biggest = bars[0]!;
    let biggestArea = 0;
    for (const bar of bars) {
      const box = await bar.boundingBox();
      if (box && box.width * box.height > biggestArea) {
        biggestArea = box.width * box.height;
        biggest = bar;
      }
    }
    await biggest.click();
    const list = page.getByTestId('dashboard-list');
    await list.waitFor();
    expect(page.url()).toContain('drill=progress');
    expect(page.url()).toContain('s.batch=');
    await list.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const total = Number((await page.getByTestId('dashboard-list-total').textContent())?.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('dashboard-list-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^dashboard-progress-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('协会名称');
    expect(sheet.actualRowCount - 1).toBe(total);
    await close();
  }, 180_000);

  it('keeps the filter in the URL and downloads the work summary of that filter', async () => {
    const { page, context, close } = await loggedIn('regulator');
    await page.goto(`${server.url}/dashboard?level=national`);
    const national = (await (
      await context.request.get(`${server.url}/api/dashboard/overview?level=national`)
    ).json()) as { overview: { cases: number; decoupled: number } };
    await expect.poll(() => statValue(page, 'cases')).toBe(national.overview.cases);
    expect(await page.getByTestId('summary-docx').getAttribute('href')).toContain('level=national');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('summary-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^work-summary-100000-.*\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('一、基本情况');
    expect(text).toContain(`脱钩案件共${national.overview.cases}件`);
    expect(text).toContain(`已完成脱钩${national.overview.decoupled}件`);
    await close();
  }, 240_000);

  it('is not in the menu of association staff, who are refused the page', async () => {
    const { page, close } = await loggedIn('association');
    expect(await page.getByTestId('menu-dashboard').count()).toBe(0);
    await close();
  });
});
