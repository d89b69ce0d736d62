import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestHub } from '../utils/hub.js';
import { ok, openProblem, recordFeedback, type DemoIds } from '../utils/fixtures.js';
import { startWebHub, type WebHub } from './utils/web-hub.js';
import { browserAvailable, choose, markPage, signIn, stillMarked, type Browser } from './utils/browser.js';
import { seriousViolations } from './utils/axe.js';
import { assignToSelf, complaintStatus, decide, fillComplaint } from './utils/complaints.js';

const RUN = browserAvailable('complaint journeys (tests/web/complaints.test.ts)');

const CASES = `query($f: ComplaintFilter) { complaintCases(filter: $f, first: 100) { edges { node {
  id version status request feedbackId channelCode businessCode causeCode daysLeft
  branch { code } handler { username } decision { findings basis remedies } } } } }`;
const REGISTER = `mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { id version status } }`;
const LINK = `mutation($i: LinkComplaintToProblemInput!) { linkComplaintToProblem(input: $i) { id version problem { id } } }`;

/**
 * Complaint cases in real browsers against a real hub: an agent registers one from the feedback
 * form in the same submit, the branch's handler (its branch manager) opens, assigns and decides it,
 * while head office's supervision view, open in another browser, follows live.
 */
describe.skipIf(!RUN)('complaint journeys', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  let tok: Record<string, string>;
  let web: WebHub;
  const marker = `CPL${Date.now().toString(36).toUpperCase()}`;
  let coordinator: Browser;
  let caseId = '';

  const open = () => web.open();
  const cases = async (request: string) =>
    (ok(await hub.gql(tok.coordinator!, CASES, { f: {} })).complaintCases.edges as { node: any }[])
      .map((e) => e.node)
      .filter((c) => String(c.request).includes(request));
  const dialog = (page: Page) => page.getByRole('dialog');

  beforeAll(async () => {
    web = await startWebHub({ feedback: 120, contacts: 120 });
    ({ hub, base, tok, ids } = web);
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('an agent registers the complaint case from the feedback form in one submit; head office sees it arrive live', async () => {
    coordinator = await open();
    await signIn(coordinator.page, base, 'coordinator', '/supervision/complaints');
    await coordinator.page.getByTestId('supervision-list').waitFor();
    await markPage(coordinator.page);

    const { page, pageErrors } = await open();
    await signIn(page, base, 'agent');
    await expect.poll(() => page.url()).toContain('/feedback/new');
    await page.getByLabel('投诉').check();
    // Marking a complaint offers the case; Alt+R opens its fields.
    await page.getByLabel('登记工单').waitFor();
    expect(await page.getByLabel('登记工单').isChecked()).toBe(false);
    await page.getByLabel('反馈内容').focus();
    await page.keyboard.press('Alt+r');
    await expect.poll(() => page.getByLabel('登记工单').isChecked()).toBe(true);
    await fillComplaint(page, marker);
    await page.getByRole('button', { name: '提交记录' }).click();
    await expect.poll(() => page.getByTestId('today-list').textContent(), { timeout: 5000 }).toContain(marker);

    await expect.poll(async () => (await cases(marker)).length, { timeout: 5000 }).toBe(1);
    const [c] = await cases(marker);
    expect(c).toMatchObject({
      status: 'REGISTERED',
      branch: { code: 'SH' },
      channelCode: 'A0101',
      businessCode: 'B03',
      causeCode: 'C01',
      feedbackId: expect.any(String),
      daysLeft: expect.any(Number),
    });
    expect(c.daysLeft).toBeGreaterThanOrEqual(14); // 15 natural days from receipt
    caseId = c.id;
    // The form is ready for the next call: the case's fields gone with the complaint flag.
    await expect.poll(() => page.getByLabel('反馈内容').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('complaint-register').count()).toBe(0);

    // Head office's supervision view shows the new case without a reload.
    await expect.poll(() => coordinator.page.getByTestId('supervision-list').textContent(), { timeout: 5000 }).toContain(marker);
    expect(await stillMarked(coordinator.page)).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('the branch’s handler opens the case, assigns it, decides it with the decision letter’s fields; head office sees DECIDED live', async () => {
    const bm = await open();
    const page = bm.page;
    await signIn(page, base, 'bm.sh');
    await page.getByRole('link', { name: '投诉工单' }).click();
    await page.getByTestId('complaint-list').waitFor();
    await page.getByRole('link', { name: new RegExp(`查看：${marker}`) }).click();
    await expect.poll(() => page.url()).toContain(`/complaints/${caseId}`);
    expect(await complaintStatus(page)).toBe('REGISTERED');
    await expect.poll(() => page.getByTestId('days-left').first().textContent()).toMatch(/剩 \d+ 天/);
    // Deciding needs a handler first: the button is not offered yet.
    expect(await page.getByRole('button', { name: '作出处理决定' }).count()).toBe(0);

    await assignToSelf(page); // the branch manager handles it (the dialog's default)
    await expect.poll(() => page.getByTestId('complaint-handler').textContent()).toBe('孙丽华');

    await decide(page);
    await expect.poll(() => page.getByTestId('complaint-decision').textContent()).toContain('叫号系统故障');
    expect(await page.getByTestId('complaint-decision').textContent()).toContain('调解');

    const [c] = await cases(marker);
    expect(c).toMatchObject({ status: 'DECIDED', handler: { username: 'bm.sh' }, daysLeft: null });
    expect([...c.decision.remedies].sort()).toEqual(['LITIGATION', 'MEDIATION', 'REVIEW']);

    // The second user, head office, saw every step arrive: DECIDED in the supervision list, no reload.
    const row = coordinator.page.locator('tr', { hasText: marker });
    await expect.poll(() => row.textContent(), { timeout: 5000 }).toContain('已告知决定');
    expect(await stillMarked(coordinator.page)).toBe(true);
    expect(bm.pageErrors).toEqual([]);
    expect(coordinator.pageErrors).toEqual([]);
  }, 90_000);

  it('回避: assigning the staff member complained about is refused by the server, said next to the handler field', async () => {
    const reg = ok(
      await hub.gql(tok.agent!, REGISTER, {
        i: {
          branchId: ids.branch.SH!,
          channelCode: 'A0101',
          businessCode: 'B01',
          causeCode: 'C01',
          request: `${marker} 回避 客户投诉柜员态度`,
          subjectStaffId: ids.user['expert.card']!,
        },
      }),
    ).registerComplaint;
    const { page, pageErrors } = await open();
    await signIn(page, base, 'bm.sh', `/complaints/${reg.id}`);
    await expect.poll(() => complaintStatus(page)).toBe('REGISTERED');
    await page.getByRole('button', { name: '指定处理人' }).click();
    const form = dialog(page).getByTestId('assign-form');
    await choose(page, form.getByLabel('处理人'), '陈志强');
    await dialog(page).getByRole('button', { name: '确定' }).click();
    const item = form.locator('.ant-form-item', { has: page.getByLabel('处理人') });
    await expect.poll(() => item.locator('.ant-form-item-explain-error').textContent(), { timeout: 5000 }).toContain('回避');
    expect(await complaintStatus(page)).toBe('REGISTERED');
    await dialog(page).getByRole('button', { name: '取消' }).click();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('extensions: the branch extends to 30 days; the second, to 60, waits for head office, which grants it; the branch sees it live', async () => {
    const reg = ok(
      await hub.gql(tok.agent!, REGISTER, {
        i: {
          branchId: ids.branch.SH!,
          channelCode: 'A0103',
          businessCode: 'B04',
          causeCode: 'C03',
          request: `${marker} 延期 跨行汇款退回`,
        },
      }),
    ).registerComplaint;
    const bm = await open();
    const page = bm.page;
    await signIn(page, base, 'bm.sh', `/complaints/${reg.id}`);
    await expect.poll(() => complaintStatus(page)).toBe('REGISTERED');
    await page.getByRole('button', { name: '延长办理时限' }).click();
    const form = dialog(page).getByTestId('extend-form');
    await form.getByLabel('延期原因').fill('需向清算机构调取汇款报文，情况复杂。');
    expect(await form.getByLabel('告知客户时间').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/); // now, unless told otherwise
    hub.clock.set(Date.now() + 60_000); // the hub's test clock stands still; the browser's "now" must not be its future
    await dialog(page).getByRole('button', { name: '确定' }).click();
    const history = page.getByTestId('complaint-extensions');
    await expect.poll(() => history.locator('tbody tr').count(), { timeout: 5000 }).toBe(1);
    // The second extension is head office's: the branch is told so and offered no button.
    await page.getByText('第二次延期须总行审批').waitFor();
    expect(await page.getByRole('button', { name: /延长/ }).count()).toBe(0);
    await markPage(page);

    const co = coordinator.page;
    await co.goto(`${base}/complaints/${reg.id}`);
    await co.getByRole('button', { name: '延长时限（总行审批）' }).click();
    await dialog(co).getByTestId('extend-form').getByLabel('延期原因').fill('涉及境外代理行，需再延期。');
    hub.clock.set(Date.now() + 60_000);
    await dialog(co).getByRole('button', { name: '确定' }).click();
    await expect.poll(() => co.getByTestId('complaint-extensions').locator('tbody tr').count(), { timeout: 5000 }).toBe(2);
    expect(await co.getByTestId('complaint-extensions').textContent()).toContain('总行审批 王建华');

    // The branch's page follows without a reload.
    await expect.poll(() => history.locator('tbody tr').count(), { timeout: 5000 }).toBe(2);
    expect(await stillMarked(page)).toBe(true);
    const c = ok(
      await hub.gql(
        tok.coordinator!,
        'query($id: ID!) { complaintCase(id: $id) { extensions daysLeft extensionHistory { ordinal approvedBy { username } } } }',
        { id: reg.id },
      ),
    ).complaintCase;
    expect(c.extensions).toBe(2);
    expect(c.daysLeft).toBeGreaterThanOrEqual(59);
    expect(c.extensionHistory.map((e: any) => [e.ordinal, e.approvedBy?.username ?? null])).toEqual([
      [1, null],
      [2, 'coordinator'],
    ]);
    expect(bm.pageErrors).toEqual([]);
  }, 60_000);

  it('the problem page lists the complaint cases it traces, with their deadlines', async () => {
    const fid = await recordFeedback(hub, tok.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.E_BANKING!,
      text: `${marker} 网点叫号系统故障`,
    });
    const problem = await openProblem(hub, tok.analyst!, ids.category.E_BANKING!, [fid], `${marker} 网点叫号系统故障`);
    const [c] = await cases(`${marker} 要求网点说明原因`);
    ok(await hub.gql(tok.coordinator!, LINK, { i: { caseId: c.id, expectedVersion: c.version, problemId: problem.id } }));
    const page = coordinator.page;
    await page.goto(`${base}/problems/${problem.id}`);
    const section = page.getByTestId('problem-complaints');
    await expect.poll(() => section.textContent(), { timeout: 5000 }).toContain(marker);
    expect(await section.textContent()).toContain('已告知决定');
    // …and the case links back to the problem that traces it.
    await section.getByRole('link', { name: new RegExp(`查看：${marker}`) }).click();
    await expect.poll(() => page.getByTestId('complaint-problem').textContent()).toContain(`${marker} 网点叫号系统故障`);
  }, 60_000);

  it('the complaint pages pass axe-core’s WCAG 2.1 A/AA checks (no serious or critical finding)', async () => {
    const settle = async (page: Page) => {
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(300);
    };
    const page = coordinator.page;
    await page.goto(`${base}/complaints/${caseId}`); // decided: the decision letter shown
    await settle(page);
    await page.getByTestId('complaint-decision').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/supervision/complaints`);
    await settle(page);
    await page.getByTestId('supervision-list').locator('tbody tr').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/complaints`);
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    const agent = web.browsers[1]!.page; // the agent's form, the case's fields open
    await agent.getByLabel('投诉').check();
    await agent.getByLabel('登记工单').check();
    await agent.getByTestId('complaint-register').getByLabel('客户诉求').waitFor();
    expect(await seriousViolations(agent)).toEqual([]);
  }, 60_000);
});
