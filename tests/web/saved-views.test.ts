import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { startHub, type TestHub } from '../utils/hub.js';
import { demoIds, ok, recordFeedback, tokens, type DemoIds } from '../utils/fixtures.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, openBrowser, signIn, type Browser } from './utils/browser.js';

const RUN = browserAvailable('saved views (tests/web/saved-views.test.ts)');

/**
 * Saved views and list exports in a real browser (issue 18): the analyst filters the inbox, saves
 * the filters as a view, comes back to the full list, chooses the view, and the list and the
 * search box are as saved; the list's CSV export holds the rows the list shows. A branch manager
 * finds a view the coordinator shared with their role on the problem board.
 */
describe.skipIf(!RUN)('saved views', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  let tok: Record<string, string>;
  const browsers: Browser[] = [];
  const marker = `VIEW${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 200, contacts: 20 }, env: { WEB_DIST: webDist } });
    base = hub.url.replace(/\/graphql$/, '');
    tok = await tokens(hub);
    ids = await demoIds(hub, tok.analyst!);
    for (const text of [`${marker} 手机银行转账失败`, `${marker} 网点排队太久`])
      await recordFeedback(hub, tok.agent!, { categoryId: ids.category.E_BANKING!, branchId: ids.branch.SH!, text });
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await hub?.stop();
  });

  it('the analyst saves the inbox’s filters as a view, chooses it later, and exports the list as filtered', async () => {
    const b = await openBrowser();
    browsers.push(b);
    const { page, pageErrors } = b;
    await signIn(page, base, 'analyst', '/inbox');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const search = page.getByLabel('搜索');
    await search.fill(marker);
    await search.press('Enter');
    await expect.poll(() => rows.count()).toBe(2);

    await page.getByTestId('view-save').click();
    await page.getByLabel('视图名称').fill('今日排查');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('视图已保存').waitFor();

    // Back to the full list, then the view brings the filters back.
    await search.fill('');
    await search.press('Enter');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    await page.getByTestId('view-picker').click();
    await page.locator('.ant-select-dropdown:visible').getByText('今日排查').click();
    await expect.poll(() => page.getByLabel('搜索').inputValue()).toBe(marker);
    await expect.poll(() => rows.count()).toBe(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('inbox.csv');
    const csv = parse(fs.readFileSync((await download.path())!), { bom: true }) as string[][];
    expect(
      csv
        .slice(1)
        .map((r) => r[7])
        .sort(),
    ).toEqual([`${marker} 手机银行转账失败`, `${marker} 网点排队太久`]);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('a view the coordinator shared with branch managers is on the branch manager’s problem board', async () => {
    ok(
      await hub.gql(tok.coordinator!, `mutation($i: CreateViewInput!) { createView(input: $i) { id } }`, {
        i: { list: 'PROBLEMS', name: '高危问题', filter: '{"severity":["HIGH","CRITICAL"]}', share: { role: 'BRANCH_MANAGER' } },
      }),
    );
    const b = await openBrowser();
    browsers.push(b);
    const { page, pageErrors } = b;
    await signIn(page, base, 'bm.sh', '/problems');
    await page.getByTestId('view-picker').click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText(/高危问题/)
      .click();
    await expect.poll(() => page.getByLabel('严重程度').locator('..').locator('..').textContent()).toMatch(/高.*严重|严重.*高/);
    // Not theirs: no share or delete.
    expect(await page.getByTestId('view-delete').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
