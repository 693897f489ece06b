import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; browser downloads are not part of this project. */
export const CHROMIUM_PATH = process.env.TUOGOU_CHROMIUM_PATH ?? '/usr/bin/chromium';

export type TestBrowser = { browser: Browser; context: BrowserContext; close(): Promise<void> };

/**
 * Headless Chromium (Playwright gives it a fresh temporary profile). Background networking is off so the
 * browser makes no connections of its own on a machine without internet access.
 */
export async function launchTestBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  return {
    browser,
    context,
    close: () => browser.close(),
  };
}
