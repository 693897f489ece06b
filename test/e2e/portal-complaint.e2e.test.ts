import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalServer, type TPortalServer } from '../portal/server.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

/**
 * A member of the public, on a phone-sized screen and without logging in, finds an association,
 * reads its scorecard and files a complaint; a regulator resolves it in the inbox; the tracking page
 * then shows the outcome.
 */
describe('public portal: find, scorecard, complaint, resolution, tracking', () => {
  let server: TPortalServer;
  let browser: TestBrowser;
  let target: { uscc: string; name: string };

  beforeAll(async () => {
    server = await startPortalServer();
    browser = await launchTestBrowser();
    // An association that publishes its fees, as a member company would look it up.
    const { rows } = await server.db.query<{ uscc: string; name: string }>(
      `SELECT a.uscc, a.name FROM associations AS a
       WHERE EXISTS (SELECT 1 FROM fee_items AS f WHERE f.association_id = a.id AND f.published)
       ORDER BY a.uscc DESC LIMIT 1`,
    );
    target = rows[0]!;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes a complaint from the public to a published outcome', async () => {
    const outcome = '经查属实，已责令该协会停止违规收费并退还已收取的费用。';
    const phone = await browser.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    });
    const page = await phone.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}/public`);
    // On the phone the header's name and links all lie inside the screen, none cut off at the top.
    for (const id of ['public-home', 'public-track-link', 'public-login-link']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.y, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    await page.getByTestId('public-search').fill(target.name);
    await page.getByTestId('public-search-button').click();
    const result = page.locator(`[data-testid="public-result-row"][data-key="${target.uscc}"]`);
    await result.waitFor();
    await result.getByTestId('public-result-link').click();
    await expect.poll(() => page.getByTestId('public-detail-title').textContent()).toContain(target.name);
    expect(page.url()).toBe(`${server.url}/public/associations/${target.uscc}`);

    await page
      .getByTestId('public-scorecard')
      .waitFor()
      .catch((error: unknown) => {
        throw new Error(`no scorecard (${failures.join('; ')}): ${String(error)}`);
      });
    expect(await page.getByTestId('public-separation').count()).toBe(5);
    await page.getByTestId('public-fees').waitFor();
    await page.getByTestId('public-credit').waitFor();

    await page.getByTestId('public-file-complaint').click();
    await expect.poll(() => page.getByTestId('complaint-association').textContent()).toContain(target.name);
    await page
      .getByTestId('complaint-text')
      .fill('协会要求会员企业参加付费评比表彰活动，每家收取评选费2万元，不交就不能参评。');
    await page.getByTestId('complaint-submit').click();
    const code = (await page.getByTestId('complaint-tracking-code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);

    await page.getByTestId('complaint-track-link').click();
    await expect.poll(() => page.getByTestId('track-state').textContent()).toBe('已受理');

    const office = await browser.browser.newContext({ locale: 'zh-CN' });
    const staff = await office.newPage();
    await staff.goto(`${server.url}/login`);
    await staff.getByTestId('login-username').fill('regulator');
    await staff.getByTestId('login-password').fill('demo-password-2026');
    await staff.getByTestId('login-submit').click();
    await expect.poll(() => staff.getByTestId('current-user-name').textContent()).toBeTruthy();
    await staff.goto(`${server.url}/complaints`);
    await staff.locator(`[data-testid="complaint-row"][data-key="${code}"]`).click();
    await staff.getByTestId('complaint-detail').waitFor();
    await staff.getByTestId('complaint-assign-me').click();
    await expect.poll(() => staff.getByTestId('complaint-state').textContent()).toBe('已分派');
    await staff.getByTestId('complaint-start').click();
    await expect.poll(() => staff.getByTestId('complaint-state').textContent()).toBe('调查中');
    await staff.getByTestId('complaint-outcome').fill(outcome);
    await staff.getByTestId('complaint-resolve').click();
    await expect.poll(() => staff.getByTestId('complaint-state').textContent()).toBe('已办结');
    await office.close();

    await page.goto(`${server.url}/public/complaints/track?code=${code.toLowerCase()}`);
    await expect.poll(() => page.getByTestId('track-state').textContent()).toBe('已办结');
    expect(await page.getByTestId('track-outcome').textContent()).toBe(outcome);
    // The outcome, not who complained or who handled it, is on the association's page too.
    await page.goto(`${server.url}/public/associations/${target.uscc}`);
    await page.getByTestId('public-complaint-outcomes').waitFor();
    await expect.poll(() => page.getByTestId('public-complaint-outcomes').textContent()).toContain(outcome);
    expect(await page.textContent('body')).not.toContain('regulator');
    await phone.close();
  });
});
