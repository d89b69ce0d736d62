import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { TestHub } from '../utils/hub.js';
import { conclude, ok, problemInConsultation, type DemoIds } from '../utils/fixtures.js';
import { startWebHub, type WebHub } from './utils/web-hub.js';
import { browserAvailable, signIn } from './utils/browser.js';
import { seriousViolations } from './utils/axe.js';

const RUN = browserAvailable('complaint statistics and report KPIs (tests/web/complaint-statistics.test.ts)');
const DAY = 86_400_000;

const FIGURES = `received decidedWithin15Days decidedWithin30Days decidedWithin60Days overdue withdrawn
  reviewRequested reviewUpheld reviewChanged reviewPending averageHandlingDays`;
const STATS = `query($q: String!, $b: ID) { complaintStatistics(quarter: $q, branchId: $b) {
  total { ${FIGURES} } byCode { channelCode businessCode causeCode figures { ${FIGURES} } } byBranch { branch { code } figures { ${FIGURES} } } } }`;
const ORDER = FIGURES.split(/\s+/).filter(Boolean);

/** A figure as the page writes it: counts as they are, the average to two decimals, — for none. */
const shown = (key: string, v: number | null) => (key === 'averageHandlingDays' ? (v === null ? '—' : v.toFixed(2)) : String(v));

/** `YYYY-Qn` of an instant (bank time is UTC+8; the browser runs in the same zone as the test). */
const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;

/**
 * The quarter's complaint statistics page and the monthly report's callback KPIs in real browsers
 * against a real hub (issue 17): the page shows the figures complaintStatistics returns (totals, by
 * code, by branch), its quarter picker and scoped branch picker, and downloads the XLSX; head office
 * and branch managers reach it from the nav; the report page shows callback reach, satisfaction
 * and partly satisfied as vocReport.kpis.callbacks says.
 */
describe.skipIf(!RUN)('complaint statistics page and report callback KPIs', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  let tok: Record<string, string>;
  let web: WebHub;
  const quarter = quarterOf(new Date());
  const gql = (token: string, q: string, i?: Record<string, unknown>) => hub.gql(token, q, i ? { i } : undefined);

  const open = () => web.open();

  /** The figure cells of each row of a statistics table, as the page shows them. */
  const tableFigures = (page: Page, testId: string) =>
    page
      .getByTestId(testId)
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('[data-figure]')].map((c) => [c.getAttribute('data-figure'), c.textContent])),
      );
  const expected = (figures: Record<string, number | null>) => ORDER.map((k) => [k, shown(k, figures[k]!)]);

  async function register(branch: string, codes: [string, string, string], request: string) {
    return ok(
      await gql(tok.agent!, `mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { id version } }`, {
        branchId: ids.branch[branch],
        channelCode: codes[0],
        businessCode: codes[1],
        causeCode: codes[2],
        request,
      }),
    ).registerComplaint as { id: string; version: number };
  }

  beforeAll(async () => {
    web = await startWebHub({ feedback: 60, contacts: 20 });
    ({ hub, base, tok, ids } = web);
    // This quarter's cases under three codes at SH, SH-PD and BJ: one decided, one withdrawn.
    const a = await register('SH', ['A0101', 'B03', 'C01'], '统计：网点服务');
    await register('SH-PD', ['A010303', 'B04', 'C02'], '统计：手机银行转账失败');
    const c = await register('BJ', ['A0101', 'B02', 'C03'], '统计：贷款流程');
    const assigned = ok(
      await gql(tok['bm.sh']!, `mutation($i: AssignComplaintInput!) { assignComplaint(input: $i) { id version } }`, {
        caseId: a.id,
        expectedVersion: a.version,
        handlerId: ids.user['bm.sh'],
      }),
    ).assignComplaint;
    ok(
      await gql(tok['bm.sh']!, `mutation($i: DecideComplaintInput!) { decideComplaint(input: $i) { id } }`, {
        caseId: a.id,
        expectedVersion: assigned.version,
        findings: '属实',
        basis: '服务规范',
        remedies: ['MEDIATION'],
      }),
    );
    ok(
      await gql(tok.agent!, `mutation($i: WithdrawComplaintInput!) { withdrawComplaint(input: $i) { id } }`, {
        caseId: c.id,
        expectedVersion: c.version,
        note: '客户来电撤回',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('head office reaches the page from the nav; it shows the figures the query returns, by code and by branch, and downloads the XLSX', async () => {
    const { page, pageErrors } = await open();
    await signIn(page, base, 'coordinator');
    await page.getByRole('link', { name: '投诉统计' }).click();
    await expect.poll(() => page.url()).toContain('/reports/complaints');
    await page.getByTestId('complaint-stats-by-code').waitFor();
    expect(await page.locator('main h1').textContent()).toContain(quarter);

    const s = ok(await hub.gql(tok.coordinator!, STATS, { q: quarter })).complaintStatistics;
    expect(s.total.received).toBeGreaterThanOrEqual(3);
    expect(s.total.withdrawn).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => page.getByTestId('complaint-stats-total-received').locator('.ant-statistic-content').textContent())
      .toBe(String(s.total.received));
    expect(await page.getByTestId('complaint-stats-total-withdrawn').locator('.ant-statistic-content').textContent()).toBe(
      String(s.total.withdrawn),
    );
    expect(await tableFigures(page, 'complaint-stats-by-code')).toEqual(s.byCode.map((r: any) => expected(r.figures)));
    const codes = await page
      .getByTestId('complaint-stats-by-code')
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('.hub-code')].map((c) => c.textContent).join(' ')));
    expect(codes).toEqual(s.byCode.map((r: any) => `${r.channelCode} ${r.businessCode} ${r.causeCode}`));
    expect(await tableFigures(page, 'complaint-stats-by-branch')).toEqual(s.byBranch.map((r: any) => expected(r.figures)));
    expect(await seriousViolations(page)).toEqual([]);

    // The download is the quarter's workbook, with the same totals.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('complaint-stats-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`complaint-statistics-${quarter}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按分类编码', '按机构', '合计']);
    const total = wb.getWorksheet('合计')!.getRow(2).values as unknown[];
    expect(total.slice(2, 2 + 6)).toEqual([
      s.total.received,
      s.total.decidedWithin15Days,
      s.total.decidedWithin30Days,
      s.total.decidedWithin60Days,
      s.total.overdue,
      s.total.withdrawn,
    ]);
    expect(wb.getWorksheet('按分类编码')!.rowCount).toBe(1 + s.byCode.length);

    // The quarter picker: the quarter before shows its own figures (the URL keeps the choice).
    const before = quarterOf(new Date(Date.now() - 92 * DAY));
    await page.getByTestId('complaint-stats-quarter').click();
    await page.locator(`.ant-select-item-option[title="${before}"]`).click();
    await expect.poll(() => page.url()).toContain(`quarter=${before}`);
    const earlier = ok(await hub.gql(tok.coordinator!, STATS, { q: before })).complaintStatistics;
    await expect
      .poll(() => page.getByTestId('complaint-stats-total-received').locator('.ant-statistic-content').textContent())
      .toBe(String(earlier.total.received));
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('a branch manager reaches it too and sees their subtree only; the branch picker offers only their branches', async () => {
    const { page, pageErrors } = await open();
    await signIn(page, base, 'bm.sh');
    await page.getByRole('link', { name: '投诉统计' }).click();
    await page.getByTestId('complaint-stats-by-branch').waitFor();
    const s = ok(await hub.gql(tok['bm.sh']!, STATS, { q: quarter })).complaintStatistics;
    expect(s.byBranch.map((r: any) => r.branch.code).every((c: string) => c.startsWith('SH'))).toBe(true);
    await expect.poll(() => tableFigures(page, 'complaint-stats-by-branch')).toEqual(s.byBranch.map((r: any) => expected(r.figures)));
    const branches = await page.getByTestId('complaint-stats-by-branch').locator('tbody tr.ant-table-row .hub-code').allTextContents();
    expect(branches).toEqual(s.byBranch.map((r: any) => r.branch.code));
    // The picker holds the manager's subtree only: SH and its sub-branches, never BJ.
    await page.getByLabel('选择机构（可输入搜索）').click();
    const tree = page.locator('.ant-select-tree:visible');
    await tree.waitFor();
    expect(await tree.textContent()).toContain('上海分行');
    expect(await tree.textContent()).not.toContain('北京分行');
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the monthly report page shows the callback KPIs: reach, satisfaction and partly satisfied, as the API says', async () => {
    // A resolved problem's two customers called back this month: one satisfied, one partly.
    const record = async (ref: string, phone: string) =>
      ok(
        await gql(tok.agent!, `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }`, {
          kind: 'PROBLEM',
          channel: 'VOICE',
          categoryId: ids.category.CREDIT_CARD,
          branchId: ids.branch.SH,
          customerRef: ref,
          customerPhone: phone,
          text: '信用卡分期手续费不透明',
        }),
      ).recordFeedback.id as string;
    let p = await problemInConsultation(hub, tok, ids, [await record('KPI-1', '13811110001'), await record('KPI-2', '13811110002')]);
    const concluded = await conclude(hub, tok.coordinator!, p, [{ branchId: ids.branch.SH! }], new Date(Date.now() + 10 * DAY));
    const action = concluded.actions[0]!;
    const step = async (op: string, input: string, extra: Record<string, unknown>, who: string, version: number) =>
      ok(
        await gql(tok[who]!, `mutation($i: ${input}!) { ${op}(input: $i) { id version } }`, {
          actionId: action.id,
          expectedVersion: version,
          ...extra,
        }),
      )[op].version as number;
    let v = await step('acceptAction', 'ActionStepInput', {}, 'bm.sh', action.version);
    v = await step('reportProgress', 'ReportProgressInput', { note: '整改中' }, 'bm.sh', v);
    v = await step('submitAction', 'SubmitActionInput', { evidence: '已公示费率' }, 'bm.sh', v);
    await step('confirmAction', 'ActionStepInput', {}, 'coordinator', v);
    p = ok(await hub.gql(tok.coordinator!, `query($id: ID!) { problem(id: $id) { id version } }`, { id: p.id })).problem;
    ok(
      await gql(tok.coordinator!, `mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { id } }`, {
        problemId: p.id,
        expectedVersion: p.version,
        note: '费率已公示',
      }),
    );
    const queue = ok(
      await hub.gql(tok.agent!, `query($id: ID!) { callbacks(filter: { problemId: $id }) { edges { node { id version } } } }`, {
        id: p.id,
      }),
    ).callbacks.edges.map((e: any) => e.node);
    expect(queue).toHaveLength(2);
    for (const [i, cb] of queue.entries())
      ok(
        await gql(tok.agent!, `mutation($i: RecordCallbackAttemptInput!) { recordCallbackAttempt(input: $i) { id } }`, {
          callbackId: cb.id,
          expectedVersion: cb.version,
          reached: true,
          verdict: i === 0 ? 'SATISFIED' : 'PARTLY',
        }),
      );

    const month = new Date().toISOString().slice(0, 7);
    const k = ok(
      await hub.gql(
        tok.coordinator!,
        `query($m: String!) { vocReport(month: $m) { kpis { callbacks { closed reached reachRate satisfactionRate partlySatisfiedRate } } } }`,
        { m: month },
      ),
    ).vocReport.kpis.callbacks;
    expect(k.closed).toBeGreaterThanOrEqual(2);
    expect(k.partlySatisfiedRate).toBeGreaterThan(0);
    const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

    const { page, pageErrors } = await open();
    await signIn(page, base, 'coordinator');
    await page.getByRole('link', { name: '月度客户之声' }).click();
    await page.goto(`${base}/reports/voc?month=${month}`);
    const tiles = page.getByTestId('voc-report').getByTestId('callback-kpis');
    await tiles.waitFor();
    await expect.poll(() => tiles.getByTestId('kpi-callbackReach').locator('.hub-kpi-value').textContent()).toBe(pct(k.reachRate));
    expect(await tiles.getByTestId('kpi-callbackSatisfaction').locator('.hub-kpi-value').textContent()).toBe(pct(k.satisfactionRate));
    expect(await tiles.getByTestId('kpi-callbackPartly').locator('.hub-kpi-value').textContent()).toBe(pct(k.partlySatisfiedRate));
    expect(await tiles.getByTestId('kpi-callbackPartly').textContent()).toContain('回访基本满意率');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
