import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startDemoServer } from '../support/app-server.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

const PASSWORD = 'demo-password-2026';

describe('officials matching review in the browser', () => {
  let server: RunningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchTestBrowser();
    // Loading the demo registry takes minutes on a busy machine.
  }, 600_000);

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

  it('lets a regulator run matching, confirm a possible match with a reason, see it decided, and undo it', {
    timeout: 300_000,
  }, async () => {
    const { page, close } = await loggedIn('regulator');
    await page.getByTestId('menu-matching').click();
    await page.getByTestId('match-run-start').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    // The run finishes in the background; the queue fills once it has.
    const pair = page.getByTestId('match-queue-pending').getByTestId('match-pair').first();
    await pair.waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('match-run-last').textContent()).toMatch(/第 1 次/);

    // Both records side by side, identifiers masked, and the field weights listed.
    for (const id of await pair.getByTestId('match-record-id').allTextContents())
      expect(id).toMatch(/^(—|\d{3}\*+\d{3}[\dX])$/);
    expect(await pair.getByTestId('match-reasons').locator('tbody tr').count()).toBeGreaterThan(3);
    const resultId = await pair.getAttribute('data-key');

    await pair.getByTestId('match-confirm').click();
    await page.getByTestId('match-dialog-ok').click();
    await page.getByText('请填写理由').waitFor();
    await page.getByTestId('match-dialog-reason').fill('人事档案核实为同一人');
    const [decision] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/match-results/${resultId}/review`)),
      page.getByTestId('match-dialog-ok').click(),
    ]);
    expect(`${decision.status()} ${await decision.text()}`).toMatch(/^200 /);
    await expect
      .poll(() => page.locator(`[data-testid="match-pair"][data-key="${resultId}"]`).count(), {
        timeout: 30_000,
      })
      .toBe(0);

    await page.getByRole('tab', { name: '已审核' }).click();
    const decided = page
      .getByTestId('match-queue-decided')
      .locator(`[data-testid="match-pair"][data-key="${resultId}"]`);
    await decided.waitFor();
    expect(await decided.getByTestId('match-review-tag').textContent()).toBe('已确认');
    expect(await decided.getByTestId('match-review-by').textContent()).toContain('人事档案核实为同一人');

    await decided.getByTestId('match-undo').click();
    await page.getByTestId('match-dialog-reason').fill('误判，撤销');
    await page.getByTestId('match-dialog-ok').click();
    await expect.poll(() => decided.count(), { timeout: 30_000 }).toBe(0);
    await page.getByRole('tab', { name: '待审核' }).click();
    await page
      .getByTestId('match-queue-pending')
      .locator(`[data-testid="match-pair"][data-key="${resultId}"]`)
      .waitFor();
    await close();
  });

  it('shows an auditor the queue read-only, and refuses the page to association staff', {
    timeout: 120_000,
  }, async () => {
    const auditor = await loggedIn('auditor');
    await auditor.page.getByTestId('menu-matching').click();
    await auditor.page.getByTestId('match-read-only').waitFor();
    await auditor.page.getByTestId('match-queue-pending').getByTestId('match-pair').first().waitFor();
    expect(await auditor.page.getByTestId('match-confirm').count()).toBe(0);
    expect(await auditor.page.getByTestId('match-run-start').count()).toBe(0);
    await auditor.close();

    const staff = await loggedIn('association');
    expect(await staff.page.getByTestId('menu-matching').count()).toBe(0);
    await staff.page.goto(`${server.url}/matching`);
    await staff.page.getByTestId('forbidden-page').waitFor();
    expect(await staff.page.getByTestId('match-queue-pending').count()).toBe(0);
    await staff.close();
  });
});
