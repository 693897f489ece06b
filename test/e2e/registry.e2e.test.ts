import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startDemoServer } from '../support/app-server.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

type TPublicList = { items: { uscc: string; name: string }[]; total: number };

describe('registry in the browser', () => {
  let server: RunningServer;
  let browser: TestBrowser;
  let sample: { uscc: string; name: string };

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchTestBrowser();
    // A national association of the demo data, as a regulator would look it up by name.
    const list = (await (
      await fetch(`${server.url}/api/public/associations?level=national&pageSize=5`)
    ).json()) as TPublicList;
    expect(list.total).toBeGreaterThan(0);
    sample = list.items[0]!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a regulator log in, search an association by name and open it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('regulator');
    await page.getByTestId('login-password').fill('demo-password-2026');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('current-user-name').textContent()).toBeTruthy();

    // The home page's counts are the exact ones of the caller's scope, and a count opens its list.
    const summary = (await (await page.request.get(`${server.url}/api/registry/summary`)).json()) as {
      total: number;
      byStatus: { active: number };
    };
    expect(summary.total).toBeGreaterThan(summary.byStatus.active);
    const active = page.getByTestId('home-stat-active');
    await expect
      .poll(async () =>
        Number((await active.locator('.ant-statistic-content').textContent())?.replace(/\D/g, '')),
      )
      .toBe(summary.byStatus.active);
    await page.getByTestId('home-stat-active-link').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('active');

    await page.goto(`${server.url}/registry`);
    await page.getByTestId('registry-search').fill(sample.name);
    await page.getByTestId('registry-search-button').click();
    const row = page.locator(`[data-testid="registry-row"][data-key="${sample.uscc}"]`);
    await row.waitFor();
    await row.getByTestId('registry-row-link').click();

    await expect.poll(() => page.getByTestId('detail-title').textContent()).toContain(sample.name);
    await page.getByTestId('detail-links').waitFor();
    await page.getByTestId('detail-posts').waitFor();
    expect(page.url()).toBe(`${server.url}/registry/${sample.uscc}`);
    await page.close();
  });

  it('refuses a wrong password with the server message and stays on the login page', async () => {
    const context = await browser.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('regulator');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(page.url()).toContain('/login');
    await context.close();
  });

  it('lets the public search without logging in and see no personal data', async () => {
    const context = await browser.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/public`);
    await page.getByTestId('public-search').fill(sample.name);
    await page.getByTestId('public-search-button').click();
    const result = page.getByTestId('public-result-row').filter({ hasText: sample.name }).first();
    await result.waitFor();
    await result.getByTestId('public-result-link').click();
    await expect.poll(() => page.getByTestId('public-detail-title').textContent()).toContain(sample.name);
    const text = (await page.textContent('body')) ?? '';
    // No resident ID (18 characters, masked or not) and no birth date on a public page.
    expect(text).not.toMatch(/\d{6}(19|20)\d{2}[01]\d[0-3]\d\d{3}[\dX]/);
    expect(text).not.toMatch(/\d{3}\*{6,}/);
    expect(page.url()).toBe(`${server.url}/public/associations/${sample.uscc}`);
    await context.close();
  });
});
