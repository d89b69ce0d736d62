import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, codeOf, type TestHub } from '../utils/hub.js';
import { demoIds, ok, RECORD_FEEDBACK, tokens, type DemoIds } from '../utils/fixtures.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, openBrowser, signIn, type Browser } from './utils/browser.js';

const RUN = browserAvailable('service accounts (tests/web/service-accounts.test.ts)');

/**
 * The administrator's service-account page in a real browser (issue 19): creates an account with
 * two scopes, copies the token from the dialog that shows it once, the token records feedback over
 * the API, the list shows only the token's first characters, and revoking it on the page makes the
 * next call with it UNAUTHENTICATED.
 */
describe.skipIf(!RUN)('service accounts page', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 20, contacts: 0 }, env: { WEB_DIST: webDist } });
    base = hub.url.replace(/\/graphql$/, '');
    const tok = await tokens(hub);
    ids = await demoIds(hub, tok.analyst!);
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await hub?.stop();
  });

  it('the administrator creates an account, copies its token once, and revokes it', async () => {
    const b = await openBrowser();
    browsers.push(b);
    const { page, pageErrors } = b;
    await signIn(page, base, 'admin', '/admin/service-accounts');
    await page.getByRole('button', { name: '新建服务账号' }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('名称').fill('callcenter');
    await dialog.getByLabel('说明').fill('呼叫中心');
    await dialog.getByText('登记客户之声').click();
    await dialog.getByText('导入文件').click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();

    const shown = page.getByTestId('service-account-token');
    await shown.waitFor();
    const token = (await shown.innerText()).trim();
    expect(token).toMatch(/^hsa_[A-Za-z0-9_-]{43}$/);
    await page
      .getByRole('dialog', { name: '请立即复制令牌' })
      .getByRole('button', { name: /确\s*定/ })
      .click();

    const table = page.getByTestId('service-accounts-table');
    const row = table.locator('tr', { hasText: 'callcenter' });
    await row.waitFor();
    await row.getByText(`${token.slice(0, 8)}…`).waitFor();
    expect(await table.innerText()).not.toContain(token);
    expect(await row.innerText()).toContain('登记客户之声');

    const record = () =>
      hub.gql(token, RECORD_FEEDBACK, {
        i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: ids.category.E_BANKING, branchId: ids.branch.SH, text: '接口登记的客户之声' },
      });
    ok(await record());

    await row
      .getByRole('button', { name: '吊 销' })
      .or(row.getByRole('button', { name: '吊销' }))
      .click();
    await page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByText('已吊销').waitFor();
    expect(codeOf(await record())).toBe('UNAUTHENTICATED');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
