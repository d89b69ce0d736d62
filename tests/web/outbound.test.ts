import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';
import { ok, tokens } from '../utils/fixtures.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, openBrowser, signIn, type Browser } from './utils/browser.js';

const RUN = browserAvailable('outbound pages (tests/web/outbound.test.ts)');

/**
 * Outbound delivery in a real browser (issue 19): a person chooses WeCom and e-mail and an
 * address, and the API holds what they chose; the digest page shows the day's digest; the admin
 * registers a webhook endpoint and sees it listed.
 */
describe.skipIf(!RUN)('outbound pages', () => {
  let hub: TestHub;
  let base: string;
  let tok: Record<string, string>;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 60, contacts: 20 }, env: { WEB_DIST: webDist, OUTBOUND_POLL_SECONDS: '0' } });
    base = hub.url.replace(/\/graphql$/, '');
    tok = await tokens(hub);
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await hub?.stop();
  });

  it('the coordinator chooses WeCom and e-mail and an address; the digest page shows the day', async () => {
    const b = await openBrowser();
    browsers.push(b);
    const { page, pageErrors } = b;
    await signIn(page, base, 'coordinator', '/account/outbound');
    await page.getByRole('heading', { name: '外发通知' }).waitFor();
    await page.getByLabel('企业微信', { exact: true }).check();
    await page.getByLabel('邮件', { exact: true }).check();
    await page.getByLabel('邮箱').fill('coord@bank.example');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    const prefs = ok(
      await hub.gql(tok.coordinator!, '{ myOutboundPreferences { email effectiveChannels own { version } } }'),
    ).myOutboundPreferences;
    expect(prefs.email).toBe('coord@bank.example');
    expect([...prefs.effectiveChannels].sort()).toEqual(['EMAIL', 'WECOM']);
    await page.goto(`${base}/digest`);
    await page.getByRole('heading', { name: '每日摘要' }).waitFor();
    const digest = ok(await hub.gql(tok.coordinator!, '{ myDigest { day } }')).myDigest;
    await page.getByText(digest.day).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('the admin registers a webhook endpoint and finds it listed', async () => {
    const b = await openBrowser();
    browsers.push(b);
    const { page, pageErrors } = b;
    await signIn(page, base, 'admin', '/admin/outbound');
    await page.getByRole('heading', { name: '外发与 Webhook' }).waitFor();
    await page.getByRole('button', { name: '登记端点' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('工单系统');
    await dialog.getByLabel('URL').fill('http://127.0.0.1:9/hooks');
    await dialog.getByLabel('签名密钥').fill('a-secret-of-24-characters');
    await dialog.getByLabel('事件类型').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByRole('cell', { name: '工单系统' }).waitFor();
    const endpoints = ok(await hub.gql(tok.admin!, '{ webhookEndpoints { name url active } }')).webhookEndpoints;
    expect(endpoints).toEqual([{ name: '工单系统', url: 'http://127.0.0.1:9/hooks', active: true }]);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
