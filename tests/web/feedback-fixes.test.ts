import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestHub } from '../utils/hub.js';
import {
  conclude,
  diagnose,
  ok,
  openConsultation,
  openProblem,
  problemInConsultation,
  recordFeedback,
  submitOpinion,
  type DemoIds,
} from '../utils/fixtures.js';
import { startWebHub, type WebHub } from './utils/web-hub.js';
import { browserAvailable, choose, signIn } from './utils/browser.js';

const RUN = browserAvailable('feedback corrections and the walk’s small things (tests/web/feedback-fixes.test.ts)');
const DAY = 86_400_000;

const Q = {
  feedback: `query($id: ID!) { node(id: $id) { ... on Feedback { version channel voidedAt corrections { voided reason } } } }`,
  problem: `query($id: ID!) { problem(id: $id) { status consultation { dueAt } } }`,
  returnAction: `mutation($i: ReturnActionInput!) { returnAction(input: $i) { id status } }`,
  submitAction: `mutation($i: SubmitActionInput!) { submitAction(input: $i) { id version status } }`,
  progress: `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id version status } }`,
  accept: `mutation($i: ActionStepInput!) { acceptAction(input: $i) { id version status } }`,
};

/**
 * Issue 18 in real browsers against a real hub: the agent corrects and voids her own record from
 * today's list; and the small things found on the walk — Enter in the consultation's date field,
 * a returned action saying why 提交完成 is gone, the conclusion suggesting the branch above an
 * outlet, the timeline's names and action titles, English labels and the report title.
 */
describe.skipIf(!RUN)('feedback corrections and the walk’s small things', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  let tok: Record<string, string>;
  let web: WebHub;
  const marker = `FIX${Date.now().toString(36).toUpperCase()}`;

  const open = (size?: { width: number; height: number }) => web.open(size);
  const gql = (token: string, q: string, vars: Record<string, unknown>) => hub.gql(token, q, vars);
  const dialog = (page: Page) => page.getByRole('dialog').last();

  beforeAll(async () => {
    web = await startWebHub({ feedback: 200, contacts: 200 });
    ({ hub, base, tok, ids } = web);
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('the agent corrects her own record from today’s list, then voids another; the history keeps both', async () => {
    const first = await recordFeedback(hub, tok.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: `${marker} 客户反映信用卡账单日无法修改。`,
    });
    const second = await recordFeedback(hub, tok.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: `${marker} 同一通电话重复记录了一次。`,
    });
    const { page, pageErrors } = await open();
    await signIn(page, base, 'agent', '/feedback/new');
    const list = page.getByTestId('today-list');
    const itemOf = (text: string) => list.locator('li', { hasText: text });
    await itemOf('账单日').getByRole('button', { name: /更正/ }).click();
    const detail = page.getByTestId('feedback-detail');
    await expect.poll(() => detail.textContent()).toContain('您可在');
    await detail.getByRole('button', { name: '更正', exact: true }).click();
    const form = page.getByTestId('correct-form');
    await choose(page, form.getByLabel('渠道'), '微坐席');
    await form.getByLabel('原因').fill('渠道选错');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => detail.textContent(), { timeout: 5000 }).toContain('更正：渠道选错');
    const corrected = ok(await gql(tok.agent!, Q.feedback, { id: first })).node;
    expect(corrected).toMatchObject({
      version: 2,
      channel: 'WECHAT',
      voidedAt: null,
      corrections: [{ voided: false, reason: '渠道选错' }],
    });
    await page.keyboard.press('Escape');

    await itemOf('重复记录').getByRole('button', { name: /更正/ }).click();
    await detail.getByRole('button', { name: '作废', exact: true }).click();
    await dialog(page).getByLabel('原因').fill('重复记录');
    await dialog(page).getByRole('button', { name: '作废' }).click();
    await expect.poll(() => detail.textContent(), { timeout: 5000 }).toContain('作废：重复记录');
    expect(ok(await gql(tok.agent!, Q.feedback, { id: second })).node.voidedAt).toEqual(expect.any(String));
    await page.keyboard.press('Escape');
    await expect.poll(() => itemOf('重复记录').textContent(), { timeout: 5000 }).toContain('已作废');
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('Enter in the consultation’s date field keeps the date and does not open the consultation', async () => {
    const f = await recordFeedback(hub, tok.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: `${marker} 分期手续费说明不清。`,
    });
    const p = await diagnose(hub, tok.analyst!, await openProblem(hub, tok.analyst!, ids.category.CREDIT_CARD!, [f]), [
      ids.department.CARD!,
    ]);
    const { page } = await open();
    await signIn(page, base, 'coordinator', `/problems/${p.id}`);
    const form = page.getByTestId('open-consultation-form');
    await choose(page, form.getByLabel('邀请专家'), '陈志强');
    await page.keyboard.press('Escape');
    const due = new Date(Date.now() + 10 * DAY);
    const typed = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}`;
    await form.getByLabel('会诊期限').click();
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByLabel('会诊期限').inputValue()).toBe(typed);
    // A moment for a submission to have gone out, had Enter sent one.
    await page.waitForTimeout(500);
    expect(ok(await gql(tok.coordinator!, Q.problem, { id: p.id })).problem.status).toBe('DIAGNOSED');
    await form.getByRole('button', { name: '发起会诊' }).click();
    await expect
      .poll(async () => ok(await gql(tok.coordinator!, Q.problem, { id: p.id })).problem.status, { timeout: 5000 })
      .toBe('IN_CONSULTATION');
    expect(ok(await gql(tok.coordinator!, Q.problem, { id: p.id })).problem.consultation.dueAt).toEqual(expect.any(String));
  }, 60_000);

  it('a returned action tells its branch why 提交完成 is gone, with the coordinator’s reason', async () => {
    const f = await recordFeedback(hub, tok.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: `${marker} 网点告知的还款方式有误。`,
    });
    const p = await problemInConsultation(hub, tok, ids, [f]);
    const c = await conclude(
      hub,
      tok.coordinator!,
      p,
      [{ branchId: ids.branch.SH!, title: `${marker} 培训柜员` }],
      new Date(Date.now() + 10 * DAY),
    );
    let a = c.actions[0]!;
    a = ok(await gql(tok['bm.sh']!, Q.accept, { i: { actionId: a.id, expectedVersion: a.version } })).acceptAction;
    a = ok(await gql(tok['bm.sh']!, Q.progress, { i: { actionId: a.id, expectedVersion: a.version, note: '培训中' } })).reportProgress;
    a = ok(
      await gql(tok['bm.sh']!, Q.submitAction, { i: { actionId: a.id, expectedVersion: a.version, evidence: '已培训' } }),
    ).submitAction;
    ok(await gql(tok.coordinator!, Q.returnAction, { i: { actionId: a.id, expectedVersion: a.version, reason: '缺少培训签到表' } }));
    const { page } = await open();
    await signIn(page, base, 'bm.sh', `/problems/${p.id}`);
    const why = page.getByTestId('returned-why');
    await expect.poll(() => why.textContent(), { timeout: 5000 }).toContain('缺少培训签到表');
    expect(await why.textContent()).toContain('报告进展');
  }, 60_000);

  it('the conclusion suggests the branch above an outlet the feedback came from; the timeline names people and says each title once', async () => {
    const { branches } = ok(await hub.gql(tok.admin!, '{ branches { id code name level parent { id } } }'));
    const byId = new Map<string, any>(branches.map((b: any) => [b.id, b]));
    const outlet = branches.find((b: any) => b.level === 'OUTLET');
    expect(outlet).toBeDefined();
    let above = outlet;
    while (above && above.level !== 'BRANCH') above = byId.get(above.parent?.id);
    const f = await recordFeedback(hub, tok.agent!, {
      branchId: outlet.id,
      categoryId: ids.category.CREDIT_CARD!,
      text: `${marker} 网点叫号系统故障。`,
    });
    let p = await diagnose(hub, tok.analyst!, await openProblem(hub, tok.analyst!, ids.category.CREDIT_CARD!, [f]), [ids.department.CARD!]);
    p = await openConsultation(hub, tok.coordinator!, p, [ids.user['expert.card']!]);
    p = await submitOpinion(hub, tok['expert.card']!, p.id);
    const { page } = await open();
    await signIn(page, base, 'coordinator', `/problems/${p.id}`);
    await page.getByRole('button', { name: '出具会诊意见' }).click();
    const editor = page.getByTestId('linkage-editor');
    await expect.poll(() => editor.textContent()).toContain(above.name);

    // The timeline: the invited expert by name, not by sign-in name.
    const timeline = page.getByTestId('problem-timeline');
    await expect.poll(() => timeline.textContent()).toContain('陈志强');
    expect(await timeline.textContent()).not.toContain('expert.card');

    const title = `${marker} 更换叫号机`;
    await conclude(hub, tok.coordinator!, p, [{ branchId: above.id, title }], new Date(Date.now() + 10 * DAY));
    await page.reload();
    await expect.poll(() => timeline.textContent(), { timeout: 5000 }).toContain(title);
    expect((await timeline.textContent())!.split(title).length - 1).toBe(1);
  }, 60_000);

  it('in English the record form’s labels are not cut and the report title stays on one line', async () => {
    const { page } = await open({ width: 1280, height: 900 });
    await signIn(page, base, 'agent', '/feedback/new');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Record customer feedback' }).waitFor();
    const labels = page.getByTestId('record-form').locator('.ant-form-item-label > label');
    await expect.poll(() => labels.count()).toBeGreaterThan(4);
    const cut = await labels.evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent),
    );
    expect(cut).toEqual([]);

    const coordinator = await open({ width: 1280, height: 900 });
    await signIn(coordinator.page, base, 'coordinator', '/reports/voc');
    await coordinator.page.getByTestId('lang-switch').click();
    const h1 = coordinator.page.locator('main h1');
    await expect.poll(() => h1.textContent()).toContain('Voice of the Customer');
    const { height, lineHeight } = await h1.evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      lineHeight: parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).lineHeight),
    }));
    expect(height).toBeLessThan(lineHeight * 1.5);
  }, 60_000);
});
