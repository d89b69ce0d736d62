import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestHub } from '../utils/hub.js';
import { ok, type DemoIds, type ProblemRef } from '../utils/fixtures.js';
import { startWebHub, type WebHub } from './utils/web-hub.js';
import { browserAvailable, markPage, signIn, stillMarked, type Browser } from './utils/browser.js';
import { seriousViolations } from './utils/axe.js';
import { resolveProblem, verifyingProblem } from './utils/loop.js';

const RUN = browserAvailable('callback journeys (tests/web/callbacks.test.ts)');

const Q = {
  record: `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }`,
  register: `mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { id version } }`,
  assign: `mutation($i: AssignComplaintInput!) { assignComplaint(input: $i) { id version } }`,
  decide: `mutation($i: DecideComplaintInput!) { decideComplaint(input: $i) { id version status } }`,
  kase: `query($id: ID!) { complaintCase(id: $id) { id status reopenedAt } }`,
  callbacks: `query($id: ID!) { callbacks(filter: { problemId: $id }, first: 10) { edges { node {
    id status verdict customerWords attempts complaintCase { id } } } } }`,
};

/**
 * The customer's side of the loop closed in real browsers against a real hub (issue 17): a complaint
 * case traced to a problem; the coordinator resolves the problem; the callbacks arrive in the agent's
 * queue live; the agent reveals the phone (audited) and records 不满意 with the customer's words, and
 * the case page shows the case reopened (HANDLING); a second customer, not reached at first, then
 * 满意, closes; the problem page lists both outcomes.
 */
describe.skipIf(!RUN)('callback journeys', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  let tok: Record<string, string>;
  let web: WebHub;
  const marker = `CBK${Date.now().toString(36).toUpperCase()}`;
  const PHONE_A = '13900008765'; // the complaining customer
  const PHONE_B = '13700004321'; // a customer who left feedback only
  let problem: ProblemRef;
  let caseId = '';
  let agent: Browser;

  const open = () => web.open();
  const gql = (token: string, q: string, i?: Record<string, unknown>) => hub.gql(token, q, i ? { i } : undefined);
  const rowOf = (page: Page, maskedPhone: string) =>
    page.getByTestId('callback-queue').locator('tbody tr', { hasText: marker }).filter({ hasText: maskedPhone });
  const panel = (page: Page) => page.getByTestId('call-panel');

  /** A problem with a decided complaint case linked, driven to VERIFYING (one SH action confirmed). */
  async function problemWithDecidedCase(): Promise<ProblemRef> {
    const fb = ok(
      await gql(tok.agent!, Q.record, {
        kind: 'PROBLEM',
        channel: 'VOICE',
        categoryId: ids.category.CREDIT_CARD,
        branchId: ids.branch.SH,
        customerRef: 'C40072',
        customerPhone: PHONE_B,
        text: `${marker} 信用卡年费重复扣收`,
      }),
    ).recordFeedback.id as string;
    const c = ok(
      await gql(tok.agent!, Q.register, {
        branchId: ids.branch.SH,
        customerRef: 'C40071',
        customerPhone: PHONE_A,
        channelCode: 'A0101',
        businessCode: 'B03',
        causeCode: 'C01',
        request: `${marker} 要求退还重复扣收的年费`,
      }),
    ).registerComplaint;
    caseId = c.id;
    const assigned = ok(
      await gql(tok['bm.sh']!, Q.assign, { caseId, expectedVersion: c.version, handlerId: ids.user['bm.sh'] }),
    ).assignComplaint;
    const decided = ok(
      await gql(tok['bm.sh']!, Q.decide, {
        caseId,
        expectedVersion: assigned.version,
        findings: '重复扣收属实',
        basis: '按收费标准退还',
        remedies: ['MEDIATION'],
      }),
    ).decideComplaint;
    expect(decided.status).toBe('DECIDED');
    return verifyingProblem(hub, tok, ids, { feedbackIds: [fb], title: `${marker} 年费重复扣收`, complaint: decided });
  }

  beforeAll(async () => {
    web = await startWebHub({ feedback: 60, contacts: 20 });
    ({ hub, base, tok, ids } = web);
    problem = await problemWithDecidedCase();
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('the coordinator resolves the problem; its customers’ callbacks arrive in the agent’s open queue without a reload', async () => {
    agent = await open();
    const page = agent.page;
    await signIn(page, base, 'agent');
    await page.getByRole('link', { name: '回访队列' }).click();
    await expect.poll(() => page.url()).toContain('/callbacks');
    await page.getByTestId('callback-queue').waitFor();
    expect(await page.getByTestId('callback-queue').locator('tbody tr', { hasText: marker }).count()).toBe(0);
    await markPage(page);

    await resolveProblem(hub, tok, problem, '已退费，计费规则已修复');
    // Both customers, masked, with the problem and (for the complainant) the case, arrive live.
    await expect.poll(() => page.getByTestId('callback-queue').locator('tbody tr', { hasText: marker }).count(), { timeout: 8000 }).toBe(2);
    const a = rowOf(page, '139****8765');
    expect(await a.getByTestId('callback-case').getAttribute('data-status')).toBe('DECIDED');
    expect(await rowOf(page, '137****4321').getByTestId('callback-case').count()).toBe(0);
    expect(await a.getByTestId('callback-status').getAttribute('data-status')).toBe('OPEN');
    expect(await page.getByTestId('callback-queue').textContent()).not.toContain(PHONE_A);
    expect(await stillMarked(page)).toBe(true);
    expect(agent.pageErrors).toEqual([]);
  }, 60_000);

  it('the agent reveals the phone (audited, only in the panel) and records reached + 不满意 with words; the case page shows HANDLING', async () => {
    const page = agent.page;
    const audited = async () =>
      Number(
        (await hub.db.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE operation = 'revealCustomerPhone' AND outcome = 'OK'`))!
          .n,
      );
    const before = await audited();
    await rowOf(page, '139****8765').getByRole('button', { name: /^回访/ }).click();
    const p = panel(page);
    await expect.poll(() => p.getByTestId('masked-phone').textContent()).toBe('139****8765');
    await p.getByText('查看完整号码将记入审计日志').waitFor();
    // The queue with the call panel open passes axe-core's WCAG 2.1 A/AA checks.
    expect(await seriousViolations(page)).toEqual([]);
    expect(await p.getByTestId('revealed-phone').count()).toBe(0);
    await p.getByRole('button', { name: '显示号码' }).click();
    await expect.poll(() => p.getByTestId('revealed-phone').textContent(), { timeout: 5000 }).toContain(PHONE_A);
    expect(await audited()).toBe(before + 1);
    expect(await page.getByTestId('callback-queue').textContent()).not.toContain(PHONE_A);

    await p.getByLabel('不满意', { exact: true }).check();
    await p.getByText('客户不满意将重新打开其投诉工单').waitFor();
    await p.getByLabel('客户原话').fill('年费退了，但这个月又扣了一次');
    await p.getByRole('button', { name: '记录回访结果' }).click();
    await expect.poll(() => p.getByTestId('callback-status').getAttribute('data-status'), { timeout: 5000 }).toBe('COMPLETED');
    expect(await p.getByTestId('callback-verdict').getAttribute('data-verdict')).toBe('NOT_SATISFIED');
    // The case is reopened; the panel's link says so, and the revealed phone is gone with the call.
    await expect.poll(() => p.getByTestId('callback-case').getAttribute('data-status'), { timeout: 5000 }).toBe('HANDLING');
    expect(await p.getByTestId('revealed-phone').count()).toBe(0);
    // It has left the open queue.
    await expect.poll(() => rowOf(page, '139****8765').count(), { timeout: 5000 }).toBe(0);

    const [cb] = (ok(await hub.gql(tok.coordinator!, Q.callbacks, { id: problem.id })).callbacks.edges as { node: any }[])
      .map((e) => e.node)
      .filter((n) => n.complaintCase?.id === caseId);
    expect(cb).toMatchObject({ status: 'COMPLETED', verdict: 'NOT_SATISFIED', customerWords: '年费退了，但这个月又扣了一次', attempts: 1 });

    await p.getByTestId('callback-case').click();
    await expect.poll(() => page.url()).toContain(`/complaints/${caseId}`);
    await expect.poll(() => page.getByTestId('complaint-status').getAttribute('data-status'), { timeout: 5000 }).toBe('HANDLING');
    expect(ok(await hub.gql(tok.coordinator!, Q.kase, { id: caseId })).complaintCase).toMatchObject({
      status: 'HANDLING',
      reopenedAt: expect.any(String),
    });
    expect(agent.pageErrors).toEqual([]);
  }, 60_000);

  it('a second callback: not reached first (the attempt shown), then reached and 满意 — it closes; the problem page lists both outcomes', async () => {
    const page = agent.page;
    await page.getByRole('link', { name: '回访队列' }).click();
    const row = rowOf(page, '137****4321');
    await row.waitFor();
    await row.getByRole('button', { name: /^回访/ }).click();
    const p = panel(page);
    await expect.poll(() => p.getByTestId('masked-phone').textContent()).toBe('137****4321');
    await p.getByRole('button', { name: '未接通' }).click();
    await expect.poll(() => p.getByTestId('callback-attempts').getAttribute('data-attempts'), { timeout: 5000 }).toBe('1');
    expect(await p.getByTestId('callback-status').getAttribute('data-status')).toBe('OPEN');
    expect(await p.getByTestId('callback-history').textContent()).toContain('未接通');
    await expect.poll(() => row.locator('td').nth(5).textContent(), { timeout: 5000 }).toBe('1');

    await p.getByLabel('满意', { exact: true }).check();
    await p.getByLabel('客户原话').fill('已退费，满意');
    await p.getByRole('button', { name: '记录回访结果' }).click();
    await expect.poll(() => p.getByTestId('callback-status').getAttribute('data-status'), { timeout: 5000 }).toBe('COMPLETED');
    expect(await p.getByTestId('callback-verdict').getAttribute('data-verdict')).toBe('SATISFIED');
    expect(await p.getByTestId('callback-attempts').getAttribute('data-attempts')).toBe('2');
    await expect.poll(() => page.getByTestId('callback-queue').locator('tbody tr', { hasText: marker }).count(), { timeout: 5000 }).toBe(0);
    // Coordinators and admins may view the page, without the call controls.
    const co = await open();
    await signIn(co.page, base, 'coordinator', '/callbacks');
    await co.page.getByTestId('callback-queue').waitFor();
    await co.page.getByText('全部', { exact: true }).click();
    const coRow = rowOf(co.page, '137****4321');
    await coRow.getByRole('button', { name: /^回访/ }).click();
    await expect.poll(() => co.page.getByTestId('call-panel').getByTestId('callback-status').getAttribute('data-status')).toBe('COMPLETED');
    expect(await co.page.getByTestId('call-controls').count()).toBe(0);

    // The problem page lists its callbacks with their outcomes.
    await co.page.goto(`${base}/problems/${problem.id}`);
    const section = co.page.getByTestId('problem-callbacks');
    await expect
      .poll(() => section.getByTestId('callback-verdict').evaluateAll((e) => e.map((x) => x.getAttribute('data-verdict')).sort()), {
        timeout: 5000,
      })
      .toEqual(['NOT_SATISFIED', 'SATISFIED']);
    expect(await section.textContent()).toContain('已退费，满意');
    // The dashboard's KPI area shows callback reach and satisfaction.
    await co.page.goto(`${base}/dashboard`);
    await co.page.getByTestId('callback-kpis').waitFor();
    expect(await co.page.getByTestId('kpi-callbackReach').textContent()).toContain('%');
    expect(agent.pageErrors).toEqual([]);
    expect(co.pageErrors).toEqual([]);
  }, 90_000);
});
