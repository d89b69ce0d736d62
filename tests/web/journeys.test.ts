import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { startHub, type TestHub } from '../utils/hub.js';
import { demoIds, ok, recordFeedback, tokens, type DemoIds } from '../utils/fixtures.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, choose, markPage, openBrowser, signIn, stillMarked, type Browser } from './utils/browser.js';

const RUN = browserAvailable('web journeys (tests/web/journeys.test.ts)');

/** The loop end to end, in real browsers against a real hub: one person per browser profile. */
describe.skipIf(!RUN)('web journeys', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  let tok: Record<string, string>;
  const browsers: Browser[] = [];
  const upgraded = new Set<Socket>();
  const marker = `E2E${Date.now().toString(36).toUpperCase()}`;
  let problemId = '';
  let problemCode = '';
  let coordinator: Browser;

  const open = async () => {
    const b = await openBrowser();
    browsers.push(b);
    return b;
  };
  const statusOf = (page: Page) => page.getByTestId('problem-status').getAttribute('data-status');

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 400, contacts: 400 }, env: { WEB_DIST: webDist } });
    base = hub.url.replace(/\/graphql$/, '');
    // Every upgraded (WebSocket) connection, so that a test can drop them as a network would.
    hub.app.server.on('upgrade', (_req, socket: Socket) => upgraded.add(socket));
    tok = await tokens(hub);
    ids = await demoIds(hub, tok.analyst!);
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await hub?.stop();
  });

  it('an agent records feedback with the keyboard alone and sees it in today’s list', async () => {
    const { page, pageErrors } = await open();
    await signIn(page, base, 'agent');
    await expect.poll(() => page.url()).toContain('/feedback/new');
    const text = `${marker} 客户反映微信银行绑卡时提示信息不符，反复尝试仍失败。`;
    await page.getByRole('radio', { name: /问题/ }).focus();
    await page.keyboard.press('Alt+2'); // a suggestion… then back to a problem, with a complaint
    await expect.poll(() => page.getByRole('radio', { name: /建议/ }).isChecked()).toBe(true);
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+c');
    await expect.poll(() => page.getByLabel('投诉').isChecked()).toBe(true);
    const focused = () => page.evaluate<string | undefined>('document.activeElement?.id');
    await page.getByLabel('渠道').focus();
    await page.keyboard.type('微坐席');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('record_categoryId'); // each choice moves the cursor on
    await page.keyboard.type('电子银行');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('record_branchId');
    await page.keyboard.type('上海分行');
    await page.locator('.ant-select-tree:visible').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('record_customerRef');
    await page.keyboard.type('C10086');
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('today-list').textContent(), { timeout: 5000 }).toContain(marker);
    const r = ok(
      await hub.gql(
        tok.analyst!,
        '{ feedback(filter: { search: $s }, first: 5) { edges { node { kind channel complaint customerRef category { code } branch { code } } } } }'.replace(
          '$s',
          JSON.stringify(marker),
        ),
      ),
    );
    expect(r.feedback.edges.map((e: any) => e.node)).toEqual([
      {
        kind: 'PROBLEM',
        channel: 'WECHAT',
        complaint: true,
        customerRef: 'C10086',
        category: { code: 'E_BANKING' },
        branch: { code: 'SH' },
      },
    ]);
    // The form is ready for the next call, the focus back on its first field.
    await expect.poll(() => page.getByLabel('反馈内容').inputValue()).toBe('');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.value')).toBe('PROBLEM');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows a refused field next to the field, in plain words', async () => {
    const page = browsers[0]!.page;
    await page.locator('label', { hasText: '建议' }).click();
    await choose(page, page.getByLabel('业务类别'), '存款');
    await choose(page, page.getByLabel('涉及机构'), '北京分行');
    await page.getByLabel('反馈内容').fill('长'.repeat(4001));
    await page.getByRole('button', { name: '提交记录' }).click();
    const item = page.locator('.ant-form-item', { has: page.getByLabel('反馈内容') });
    await expect.poll(() => item.locator('.ant-form-item-explain-error').textContent(), { timeout: 5000 }).toContain('内容过长');
  }, 60_000);

  it('the analyst opens a problem from inbox feedback and diagnoses it', async () => {
    const texts = ['手机银行转账时提示系统繁忙，客户多次尝试失败。', '客户晚间转账一直提示系统繁忙，要求解释原因。'];
    for (const t of texts)
      await recordFeedback(hub, tok.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.E_BANKING!, text: `${marker} ${t}` });
    const { page, pageErrors } = await open();
    await signIn(page, base, 'analyst');
    await expect.poll(() => page.url()).toContain('/inbox');
    const search = page.getByPlaceholder('搜索反馈内容');
    await search.fill(marker);
    await search.press('Enter');
    await page.getByRole('checkbox', { name: /选择反馈：.*手机银行转账时/ }).check();
    await page.getByRole('checkbox', { name: /选择反馈：.*客户晚间/ }).check();
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('已选 2 条');
    await page.getByRole('button', { name: '立项为新问题' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('问题标题').fill(`${marker} 手机银行晚间转账提示系统繁忙`);
    await dialog.getByLabel('业务类别').waitFor();
    await expect.poll(() => dialog.textContent()).toContain('电子银行'); // the selection's category, chosen for the analyst
    await dialog.getByRole('button', { name: '立项' }).click();
    await expect.poll(() => page.url(), { timeout: 5000 }).toMatch(/\/problems\/prb_/);
    problemId = page.url().split('/problems/')[1]!;
    await expect.poll(() => page.getByTestId('problem-title').textContent()).toBe(`${marker} 手机银行晚间转账提示系统繁忙`);
    expect(await statusOf(page)).toBe('OPEN');

    const form = page.getByTestId('diagnosis-form');
    await form.getByLabel('问题概述').fill('晚间批量时段转账接口超时，客户端统一提示“系统繁忙”。');
    await form.getByLabel('客户影响').fill('晚间转账客户无法完成转账，部分客户重复提交。');
    await choose(page, form.getByLabel('初步判断原因'), '信息系统');
    await choose(page, form.getByLabel('建议会诊部室'), '信用卡中心');
    await page.keyboard.type('信息科技部');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: '提交初诊意见' }).click();
    await expect.poll(() => statusOf(page), { timeout: 5000 }).toBe('DIAGNOSED');
    await expect.poll(() => page.getByTestId('diagnosis-section').textContent()).toContain('信息科技部');

    const p = ok(
      await hub.gql(
        tok.coordinator!,
        'query($id: ID!) { problem(id: $id) { code status feedbackCount diagnosis { suspectedCause proposedDepartments { code } } } }',
        { id: problemId },
      ),
    );
    expect(p.problem).toMatchObject({ status: 'DIAGNOSED', feedbackCount: 2, diagnosis: { suspectedCause: 'IT_SYSTEM' } });
    expect(p.problem.diagnosis.proposedDepartments.map((d: any) => d.code).sort()).toEqual(['CARD', 'IT']);
    problemCode = p.problem.code;
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('the coordinator consults (the expert is invited live), the expert’s opinion arrives live, the coordinator concludes with a linkage table', async () => {
    // The expert is at their desk before the invitation: it must reach them without a reload.
    const expert = await open();
    await signIn(expert.page, base, 'expert.card');
    await expect.poll(() => expert.page.url()).toContain('/consultations');
    const unread = async () =>
      Number(
        (await expert.page
          .getByTestId('unread-count')
          .textContent({ timeout: 500 })
          .catch(() => '0')) ?? 0,
      );
    const unreadBefore = await unread();
    await markPage(expert.page);

    coordinator = await open();
    const page = coordinator.page;
    await signIn(page, base, 'coordinator', `/problems/${problemId}`);
    const consult = page.getByTestId('open-consultation-form');
    await choose(page, consult.getByLabel('邀请专家'), '陈志强');
    await page.keyboard.press('Escape');
    await consult.getByRole('button', { name: '发起会诊' }).click();
    await expect.poll(() => statusOf(page), { timeout: 5000 }).toBe('IN_CONSULTATION');
    await markPage(page);

    await expect.poll(() => expert.page.getByTestId('consultation-list').textContent(), { timeout: 3000 }).toContain(problemCode);
    await expect.poll(unread, { timeout: 3000 }).toBeGreaterThan(unreadBefore); // the invitation, live
    expect(await stillMarked(expert.page)).toBe(true);
    const row = expert.page.locator('tr', { hasText: problemCode });
    await row.getByRole('button', { name: '填写意见' }).click();
    await expect.poll(() => expert.page.getByTestId('opinion-page').textContent()).toContain('晚间批量时段转账接口超时');
    const opinion = `${marker} 信用卡中心意见：同意初诊，建议错峰批量并优化超时提示。`;
    await expert.page.getByLabel('专家意见').fill(opinion);
    await expert.page.getByRole('button', { name: '提交意见' }).click();
    await expert.page.getByText(/您已于 .* 提交意见/).waitFor({ timeout: 5000 });

    // The coordinator's page shows it without a reload.
    await expect.poll(() => page.getByTestId('opinions').textContent(), { timeout: 3000 }).toContain(opinion);
    expect(await stillMarked(page)).toBe(true);

    await page.getByRole('button', { name: '出具会诊意见' }).click();
    const conclude = page.getByTestId('conclude-form');
    await choose(page, conclude.getByLabel('整改成果类型'), '系统改造');
    await conclude.getByLabel('原因说明').fill('批量作业与联机交易争用数据库连接，接口超时后客户端统一提示“系统繁忙”。');
    await conclude.getByLabel('整改方案').fill('调整批量窗口；超时提示改为可理解的说明；分行向受影响客户回访致歉。');
    const titles = conclude.getByRole('textbox', { name: '任务', exact: true });
    const rows = await titles.count();
    expect(rows).toBe(3); // suggested: the two departments proposed, the branch the feedback came from
    for (let i = 0; i < rows; i++) {
      await titles.nth(i).fill(`${marker} 任务 ${i + 1}`);
      await conclude.getByRole('textbox', { name: '要求', exact: true }).nth(i).fill('按整改方案完成并提交佐证。');
    }
    await conclude.getByRole('button', { name: '出具会诊意见，下发联动表' }).click();
    await expect.poll(() => statusOf(page), { timeout: 5000 }).toBe('REMEDIATING');
    await expect.poll(() => page.getByTestId('linkage-table').locator('tbody tr.ant-table-row').count()).toBe(3);
    const p = ok(
      await hub.gql(
        tok.coordinator!,
        'query($id: ID!) { problem(id: $id) { status actions { status branch { code } department { code } } } }',
        { id: problemId },
      ),
    );
    expect(p.problem.actions.map((a: any) => a.branch?.code ?? a.department?.code).sort()).toEqual(['CARD', 'IT', 'SH']);
    expect(coordinator.pageErrors).toEqual([]);
    expect(expert.pageErrors).toEqual([]);
  }, 90_000);

  it('the branch manager completes an action while the coordinator’s dashboard updates without reload', async () => {
    const page = coordinator.page;
    await page.getByRole('link', { name: '实时仪表盘' }).click();
    await page.getByTestId('stat-submitted').waitFor();
    await expect.poll(() => page.getByTestId('stat-submitted').textContent()).toMatch(/^\d+$/);
    const before = Number(await page.getByTestId('stat-submitted').textContent());
    await markPage(page);

    const bm = await open();
    await signIn(bm.page, base, 'bm.sh');
    await expect.poll(() => bm.page.url()).toContain('/actions');
    const row = bm.page.locator('tr', { hasText: problemCode });
    await row.getByRole('button', { name: '接收' }).click();
    await expect.poll(() => row.textContent(), { timeout: 5000 }).toContain('已接收');
    await row.getByRole('button', { name: '报告进展' }).click();
    await bm.page.getByRole('dialog').getByLabel('进展说明').fill('已完成受影响客户清单梳理，开始回访。');
    await bm.page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => row.textContent(), { timeout: 5000 }).toContain('办理中');
    await row.getByRole('button', { name: '提交完成' }).click();
    await bm.page.getByRole('dialog').getByLabel('完成情况与佐证').fill('已回访 126 位客户并致歉，回访记录编号 SH-2026-118。');
    await bm.page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => row.count(), { timeout: 5000 }).toBe(0); // submitted: no longer in the branch's to-do list

    await expect.poll(() => page.getByTestId('stat-submitted').textContent(), { timeout: 3000 }).toBe(String(before + 1));
    await expect.poll(() => page.getByTestId('dashboard-activity').textContent()).toContain(problemCode);
    expect(await stillMarked(page)).toBe(true);
    const a = ok(
      await hub.gql(tok.coordinator!, 'query($id: ID!) { problem(id: $id) { actions { status branch { code } } } }', { id: problemId }),
    );
    expect(a.problem.actions.find((x: any) => x.branch?.code === 'SH').status).toBe('SUBMITTED');
    expect(bm.pageErrors).toEqual([]);
  }, 90_000);

  it('a dropped connection reconnects and resumes after the last cursor it saw', async () => {
    const page = coordinator.page;
    const subscribes: { after: unknown }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        const m = JSON.parse(String(f.payload)) as { type: string; payload?: { query?: string; variables?: { after?: unknown } } };
        if (m.type === 'subscribe' && m.payload?.query?.includes('hubEvents'))
          subscribes.push({ after: m.payload.variables?.after ?? null });
      }),
    );
    const state = () => page.getByTestId('live-status').getAttribute('data-state');
    await expect.poll(state).toBe('connected');
    for (const s of upgraded) s.destroy(); // the network drops every WebSocket
    upgraded.clear();
    await expect.poll(state, { timeout: 3000 }).toBe('reconnecting');
    // Meanwhile, at the branch: an event the coordinator's page has not seen.
    const action = ok(
      await hub.gql(tok.coordinator!, 'query($id: ID!) { problem(id: $id) { actions { id title version status department { code } } } }', {
        id: problemId,
      }),
    );
    const card = action.problem.actions.find((x: any) => x.department?.code === 'CARD');
    ok(
      await hub.gql(tok['expert.card']!, 'mutation($i: ActionStepInput!) { acceptAction(input: $i) { id } }', {
        i: { actionId: card.id, expectedVersion: card.version },
      }),
    );
    await expect.poll(state, { timeout: 10_000 }).toBe('connected');
    const newest = page.getByTestId('dashboard-activity').locator('li').first();
    await expect.poll(() => newest.textContent(), { timeout: 5000 }).toContain(card.title);
    expect(await newest.textContent()).toContain('联动任务更新');
    expect(subscribes.length).toBeGreaterThan(0);
    expect(subscribes.at(-1)!.after).toEqual(expect.any(String)); // resumed after a cursor, not from scratch
    expect(await stillMarked(page)).toBe(true);
  }, 60_000);

  it('switches to English in one click and back', async () => {
    const page = coordinator.page;
    await page.getByTestId('lang-switch').click();
    await page.getByRole('link', { name: 'Live dashboard' }).waitFor();
    expect(await page.getByTestId('live-status').textContent()).toBe('Live');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('link', { name: '实时仪表盘' }).waitFor();
  }, 30_000);
  it('the report’s XLSX export downloads and opens, with the figures the page shows', async () => {
    const page = coordinator.page;
    await page.getByRole('link', { name: '月度客户之声' }).click();
    await page.getByTestId('voc-report').waitFor();
    const total = Number(await page.getByTestId('report-total').textContent());
    const month = /\d{4}-\d{2}/.exec((await page.locator('main h1').textContent()) ?? '')?.[0];
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`voc-report-${month}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const values: unknown[] = [];
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain(total); // the feedback total on the page is in the workbook
    expect(values.some((v) => typeof v === 'string' && /[\u4e00-\u9fff]/.test(v))).toBe(true); // in Chinese
  }, 60_000);
});
