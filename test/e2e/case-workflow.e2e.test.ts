import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCaseDetailBody } from '../../src/server/handlers/cases.routes.ts';
import { contentOf, fileNameOf } from '../cases/support.ts';
import { type RunningServer, startDemoServer } from '../support/app-server.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

const PASSWORD = 'demo-password-2026';

/**
 * One decoupling case walked through in Chromium by the accounts that own each step: the regulator
 * lists the demo association on the 2019 list; the association drafts and submits its plan (a file
 * claiming to be a PDF that is not is refused on the way); the former organ submits the evidence of
 * its hand-overs; the regulator approves the plan; the items are completed with evidence and signed
 * off; the association asks for verification and the regulator closes the case. The key clicks and
 * one upload per side go through the pages; the remaining items of the sixteen go through the same
 * API from the same browser sessions. At the end the dashboard counts the case as decoupled.
 */
describe('a decoupling case in the browser', () => {
  let server: RunningServer;
  let browser: TestBrowser;
  const sessions = new Map<
    string,
    { page: Page; request: APIRequestContext; csrf: string; close(): Promise<void> }
  >();

  async function as(username: string) {
    const existing = sessions.get(username);
    if (existing) return existing;
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
    const me = (await (await context.request.get(`${server.url}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const session = { page, request: context.request, csrf: me.csrfToken, close: () => context.close() };
    sessions.set(username, session);
    return session;
  }

  async function api<T>(username: string, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
    const { request, csrf } = await as(username);
    const response = await request.fetch(`${server.url}${path}`, {
      method,
      headers: { 'x-csrf-token': csrf },
      data,
    });
    expect(response.status(), `${username} ${method} ${path}: ${await response.text()}`).toBe(200);
    return (await response.json()) as T;
  }

  async function uploadByApi(username: string, caseId: number, item: string, kind: string, mimeType: string) {
    const { request, csrf } = await as(username);
    const response = await request.post(`${server.url}/api/cases/${caseId}/evidence`, {
      headers: { 'x-csrf-token': csrf },
      multipart: {
        file: {
          name: fileNameOf(mimeType, kind),
          mimeType,
          buffer: Buffer.from(contentOf(mimeType, `${item}/${kind}`)),
        },
        kind,
        item,
      },
    });
    expect(response.status(), `${item} ${kind}: ${await response.text()}`).toBe(200);
  }

  async function openCasePage(username: string, caseId: number) {
    const { page } = await as(username);
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('case-state').waitFor();
    return page;
  }

  const stateOf = (page: Page) => page.getByTestId('case-state').getAttribute('data-state');
  const item = (page: Page, key: string) => page.locator(`[data-testid="case-item"][data-key="${key}"]`);

  type TProgress = { rows: { batch: string; state: string; count: number }[] };
  const decoupledIn2019 = (progress: TProgress) =>
    progress.rows
      .filter((r) => r.batch === 'rollout-2019' && r.state === 'decoupled')
      .reduce((n, r) => n + r.count, 0);

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    for (const session of sessions.values()) await session.close();
    await browser?.close();
    await server?.stop();
  });

  it('walks one case from the list to decoupled and the dashboard counts it', async () => {
    const before = await api<TProgress>('regulator', 'GET', '/api/dashboard/progress');
    const { user } = await api<{ user: { scope: { associationUscc?: string } } }>(
      'association',
      'GET',
      '/api/auth/me',
    );
    const uscc = user.scope.associationUscc!;
    const opened = await api<TCaseDetailBody>('regulator', 'POST', '/api/cases', {
      uscc,
      batch: 'rollout-2019',
      ref: 'E2E-2019-001',
    });
    const caseId = opened.case.id;
    const checklist = opened.checklist;

    // The association finds its case in the list and drafts the plan.
    const association = (await as('association')).page;
    await association.getByTestId('menu-cases').click();
    await association
      .locator(`[data-testid="case-row"][data-key="${caseId}"]`)
      .getByTestId('case-row-open')
      .click();
    await association.getByTestId('case-action-plan_drafted').click();
    await expect.poll(() => stateOf(association)).toBe('plan_drafted');

    // A text file named and declared as a PDF is refused with the reason; the real plan is taken.
    const planInput = association.getByTestId('case-plan').locator('input[type=file]');
    await planInput.setInputFiles({
      name: '脱钩实施方案.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('不是PDF'),
    });
    await association.getByText(/声明为PDF 文档，但内容是/).waitFor();
    await planInput.setInputFiles({
      name: '脱钩实施方案.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(contentOf('application/pdf', 'plan')),
    });
    await association.getByTestId('case-plan').getByTestId('case-file-download').waitFor();
    await association.getByTestId('case-action-plan_submitted').click();
    await expect.poll(() => stateOf(association)).toBe('plan_submitted');

    // The former organ submits the evidence of what it hands over: one item in the page, the rest by API.
    const organItems = checklist.filter((i) => i.owner === 'organ');
    const organ = await openCasePage('organ', caseId);
    const firstOrganItem = organItems[0]!;
    const firstRequirement = firstOrganItem.requirements[0]!;
    await item(organ, firstOrganItem.key)
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: fileNameOf(firstRequirement.mimeTypes[0]!, firstRequirement.kind),
        mimeType: firstRequirement.mimeTypes[0]!,
        buffer: Buffer.from(contentOf(firstRequirement.mimeTypes[0]!, 'organ')),
      });
    await expect
      .poll(() => item(organ, firstOrganItem.key).getByTestId('case-item-state').getAttribute('data-state'))
      .toBe('evidence_submitted');
    for (const i of organItems.slice(1))
      for (const r of i.requirements) await uploadByApi('organ', caseId, i.key, r.kind, r.mimeTypes[0]!);

    // The regulator sees the submitted plan in its notifications, approves it and starts execution.
    const regulator = await openCasePage('regulator', caseId);
    await expect
      .poll(async () => Number(await regulator.getByTestId('notifications-count').getAttribute('data-count')))
      .toBeGreaterThan(0);
    await regulator.getByTestId('notifications-bell').click();
    await regulator.locator('[data-testid="notification-item"][data-kind="case_moved"]').first().waitFor();
    await regulator.keyboard.press('Escape');
    await regulator.getByTestId('case-action-plan_approved').click();
    await regulator.getByTestId('case-transition-submit').click();
    await regulator.getByText('请填写批准文号').waitFor();
    await regulator.getByTestId('case-transition-approval-ref').fill('民社登〔2019〕E2E号');
    await regulator.getByTestId('case-transition-submit').click();
    await expect.poll(() => stateOf(regulator)).toBe('plan_approved');
    await regulator.getByTestId('case-action-executing').click();
    await expect.poll(() => stateOf(regulator)).toBe('executing');

    // The association completes its items with evidence.
    const associationItems = checklist.filter((i) => i.owner === 'association');
    for (const i of associationItems)
      for (const r of i.requirements)
        await uploadByApi('association', caseId, i.key, r.kind, r.mimeTypes[0]!);

    // The organ confirms the hand-overs it signs (one in the page), the regulator signs the rest.
    await openCasePage('organ', caseId);
    const handOvers = checklist.filter((i) => i.organHandOver);
    await item(organ, handOvers[0]!.key).getByTestId('case-item-action-signed_off').click();
    await expect
      .poll(() => item(organ, handOvers[0]!.key).getByTestId('case-item-state').getAttribute('data-state'))
      .toBe('signed_off');
    for (const i of handOvers.slice(1))
      await api('organ', 'POST', `/api/cases/${caseId}/items/${i.key}/transition`, { to: 'signed_off' });
    const regulatorSigned = checklist.filter((i) => !i.organHandOver);
    await openCasePage('regulator', caseId);
    await item(regulator, regulatorSigned[0]!.key).getByTestId('case-item-action-signed_off').click();
    await expect
      .poll(() =>
        item(regulator, regulatorSigned[0]!.key).getByTestId('case-item-state').getAttribute('data-state'),
      )
      .toBe('signed_off');
    for (const i of regulatorSigned.slice(1))
      await api('regulator', 'POST', `/api/cases/${caseId}/items/${i.key}/transition`, { to: 'signed_off' });

    // The association asks for verification; the regulator verifies and closes the case.
    await openCasePage('association', caseId);
    await association.getByTestId('case-action-verification').click();
    await expect.poll(() => stateOf(association)).toBe('verification');
    await openCasePage('regulator', caseId);
    await regulator.getByTestId('case-action-decoupled').click();
    await expect.poll(() => stateOf(regulator)).toBe('decoupled');
    await regulator.getByTestId('case-actions-none').waitFor();
    const moves = await regulator
      .locator('[data-testid="case-timeline-event"]')
      .evaluateAll((events) => events.map((e) => e.getAttribute('data-to')));
    expect(
      moves.filter((to) =>
        ['listed', 'plan_submitted', 'plan_approved', 'verification', 'decoupled'].includes(to!),
      ),
    ).toEqual(['listed', 'plan_submitted', 'plan_approved', 'verification', 'decoupled']);

    // The dashboard counts the case as decoupled, and the case list shows it so.
    const after = await api<TProgress>('regulator', 'GET', '/api/dashboard/progress');
    expect(decoupledIn2019(after)).toBe(decoupledIn2019(before) + 1);
    const list = await api<{ items: { id: number }[] }>(
      'regulator',
      'GET',
      '/api/cases?state=decoupled&q=E2E-2019-001',
    );
    expect(list.items.map((c) => c.id)).toEqual([caseId]);
  }, 600_000);
});
