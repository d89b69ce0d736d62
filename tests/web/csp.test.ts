import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, openBrowser, signIn, type Browser } from './utils/browser.js';

const RUN = browserAvailable('the web app under its Content-Security-Policy (tests/web/csp.test.ts)');

/**
 * The web app's Content-Security-Policy (issue 24 item 15) is strict: the real build must still
 * work under it in a browser — antd's styles, the charts, the live WebSocket, the print page
 * opened from a blob: URL — with nothing refused.
 */
describe.skipIf(!RUN)('the web app under its Content-Security-Policy', () => {
  let hub: TestHub;
  let base: string;
  let browser: Browser;
  const refused: string[] = [];

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 300, contacts: 300 }, env: { WEB_DIST: webDist } });
    base = hub.url.replace(/\/graphql$/, '');
    browser = await openBrowser();
    const watch = (page: import('playwright-core').Page) =>
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
    watch(browser.page);
    browser.context.on('page', watch);
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await hub?.stop();
  });

  it('signs in, draws the dashboard, goes live over the WebSocket and opens the print page, with nothing refused', async () => {
    const { page, context, pageErrors } = browser;
    const res = await page.goto(base + '/');
    expect(res?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
    await signIn(page, base, 'coordinator');
    await page.getByRole('link', { name: '实时仪表盘' }).click();
    await page.getByTestId('dashboard').waitFor();
    // The live feed's WebSocket opened under connect-src 'self'.
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    // Charts drew (ECharts on canvas), styled by antd's inserted styles.
    await page.locator('canvas').first().waitFor({ timeout: 15_000 });
    expect(
      await page
        .locator('.ant-btn, .ant-card, .ant-table, .ant-layout')
        .first()
        .evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { boxSizing: string } }).getComputedStyle(e).boxSizing),
    ).toBe('border-box');

    await page.getByRole('link', { name: '月度客户之声' }).click();
    await page.getByTestId('voc-report').waitFor();
    const [print] = await Promise.all([context.waitForEvent('page'), page.getByTestId('export-print').click()]);
    await print.waitForURL(/^blob:/, { timeout: 15_000 });
    await print.locator('svg').first().waitFor();
    expect(await print.locator('h1').first().textContent()).toMatch(/每月客户之声/);

    expect(refused).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
