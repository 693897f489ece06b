import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startDemoServer } from '../support/app-server.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

const PASSWORD = 'demo-password-2026';

describe('findings in the browser', () => {
  let server: RunningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function loggedIn(username: string) {
    const context = await browser.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user-name').waitFor();
    return { page, close: () => context.close() };
  }

  it('lets a regulator run a screening and see the new findings counted', async () => {
    const { page, close } = await loggedIn('regulator');
    await page.getByTestId('menu-screening').click();
    await page.getByTestId('screening-run').click();
    await page.getByTestId('screening-run-confirm').click();
    await page.locator('[data-testid="screening-row"][data-key="1"]').waitFor({ timeout: 60_000 });
    const newCount = Number((await page.getByTestId('screening-last-new').textContent())?.replace(/\D/g, ''));
    expect(newCount).toBeGreaterThan(0);
    await close();
  });

  it('opens a finding with its clause, pack and facts, and waives it only with a reason', async () => {
    const { page, close } = await loggedIn('regulator');
    await page.goto(`${server.url}/findings?status=open`);
    const row = page.getByTestId('finding-row').first();
    await row.waitFor();
    const id = await row.getAttribute('data-key');
    await row.getByTestId('finding-row-open').click();
    expect(page.url()).toContain(`open=${id}`);

    await page.getByTestId('finding-fields').waitFor();
    expect((await page.getByTestId('finding-clause').textContent())?.trim()).not.toBe('—');
    expect(await page.getByTestId('finding-pack').textContent()).toMatch(/national|provincial/);
    expect(await page.getByTestId('finding-facts').locator('tbody tr').count()).toBeGreaterThan(0);

    await page.getByTestId('finding-action-waived').click();
    await page.getByTestId('finding-transition-submit').click();
    // The empty reason is refused in the dialog; nothing reaches the server.
    await page.getByText('请填写理由').waitFor();
    await page.getByTestId('finding-transition-reason').fill('经核实已于整改期内辞去职务');
    await page.getByTestId('finding-transition-submit').click();
    await expect.poll(() => page.getByTestId('finding-status').textContent()).toContain('已豁免');
    const event = page.getByTestId('finding-history-event').last();
    expect(await event.textContent()).toContain('经核实已于整改期内辞去职务');
    // The list behind the drawer follows: an open-only list no longer shows the waived finding.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`[data-testid="finding-row"][data-key="${id}"]`).count()).toBe(0);
    await close();
  });

  it('sorts the list by a clicked column header, both ways, and keeps the sort in the URL', async () => {
    const rank: Record<string, number> = { 提示: 1, 待办: 2, 风险: 3, 违规: 4 };
    const { page, close } = await loggedIn('regulator');
    await page.goto(`${server.url}/findings?pageSize=100`);
    await page.getByTestId('finding-row').first().waitFor();
    const severities = async () =>
      (await page.locator('[data-testid="finding-row"] td:nth-child(2)').allTextContents()).map(
        (text) => rank[text.trim()] ?? 0,
      );
    const header = page.locator('[data-testid="findings-table"] th', { hasText: '严重程度' });

    // The rows are read until the sorted page has replaced the previous one; the result is the first
    // row's severity, so the lowest (提示) must lead one way and the highest (违规) the other.
    const sortedRows = async (direction: 1 | -1) => {
      const ranks = await severities();
      const sorted = ranks.every((r, i) => r > 0 && (i === 0 || (r - ranks[i - 1]!) * direction >= 0));
      return sorted ? ranks[0] : `unsorted ${ranks.join('')}`;
    };

    await header.click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('sort'), { timeout: 30_000 })
      .toBe('severity');
    await expect.poll(() => sortedRows(1), { timeout: 30_000 }).toBe(1);

    await header.click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('sort'), { timeout: 30_000 })
      .toBe('-severity');
    await expect.poll(() => sortedRows(-1), { timeout: 30_000 }).toBe(4);
    await close();
  });

  it('shows an inspector the findings but no buttons to change them', async () => {
    const { page, close } = await loggedIn('inspector');
    await page.getByTestId('menu-findings').click();
    await page.getByTestId('finding-row-open').first().click();
    await page.getByTestId('finding-actions-none').waitFor();
    expect(await page.locator('[data-testid^="finding-action-"]').count()).toBe(0);
    expect(await page.getByTestId('menu-screening').count()).toBe(0);
    await close();
  });

  it('lists only the rule catalog entries of the chosen family', async () => {
    const { page, close } = await loggedIn('association');
    await page.getByTestId('menu-rules').click();
    await page.locator('[data-testid="rule-row"][data-key="PERS-5"]').waitFor();
    await page.goto(`${server.url}/rules?family=FEE`);
    await page.locator('[data-testid="rule-row"][data-key="FEE-1"]').waitFor();
    const keys = await page
      .getByTestId('rule-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(keys.length).toBe(15);
    expect(keys.every((key) => key?.startsWith('FEE-'))).toBe(true);
    await page.locator('[data-testid="rule-row"][data-key="FEE-12"]').click();
    await page.getByTestId('rule-parameters').waitFor();
    expect(await page.getByTestId('rule-parameter-pack').count()).toBeGreaterThan(1);
    await close();
  });
});
