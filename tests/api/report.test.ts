import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { startHub, collect, TestClock, codeOf, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, recordFeedback, listening, RECORD_CONTACTS, type DemoIds } from '../utils/fixtures.js';

/**
 * Reports over HTTP on the demo data: the dashboard and the monthly report with branch-manager
 * scoping, publishing (frozen versions, what changed, everyone told), the XLSX/CSV exports opened
 * and checked against the API, and the printable page.
 */
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const OCT = '2026-10';
const cst = (s: string) => new Date(Date.parse(`${s.replace(' ', 'T')}+08:00`)).toISOString();
let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
let base: string;

const REPORT = `query($month: String!, $branchId: ID) { vocReport(month: $month, branchId: $branchId) {
  month total praise problems suggestions complaints branch { code }
  byChannel { channel count } topCategories { category { code name } count previousCount }
  byBranch { branch { code name } praise problems suggestions complaints total }
  newProblems { id code title } resolvedProblems { code } innovations { code }
  actionsDue actionsDoneOnTime actionsDoneLate actionsOverdue actionsPending
  quotes { id text } quoteGroups { kind size category { code } quote { id } }
  kpis { contacts serviceLevel answerRate responseRate satisfactionRate transferRate workOrderRate complaintRate repeatContactRate
    counters { offered answered } assessments { kpi value target higherIsBetter meetsTarget } }
  league { branch { code name } assigned confirmed confirmedOnTime onTimeRate overdueNow returned extensionsRequested medianDaysToConfirm recurrences }
  cycleTimes { stage month category { code } problems medianDays p90Days }
  rootCauses { rootCause count share cumulativeShare outcomes { outcome count } } } }`;
const DASHBOARD = `query($branchId: ID, $from: DateTime, $to: DateTime) { dashboard(branchId: $branchId, from: $from, to: $to) {
  from to problemsByStatus { status count } feedbackByKind { kind count } feedbackByChannel { channel count }
  feedbackDaily { day praise problems suggestions complaints total } openActions overdueActions
  kpis { contacts serviceLevel answerRate repeatContactRate counters { offered answered identified repeats } assessments { kpi meetsTarget } }
  league { branch { code } assigned overdueNow } cycleTimes { stage month problems } rootCauses { rootCause count share } } }`;
const PUBLISH = `mutation($i: PublishVocReportInput!) { publishVocReport(input: $i) { month version summary publishedBy { username } changes { key label before after } } }`;
const PUBLISHED = `query($month: String!, $version: Int, $branchId: ID) { publishedVocReport(month: $month, version: $version, branchId: $branchId) {
  month version summary publishedAt changes { key label before after } report { total praise problems suggestions complaints branch { code } generatedAt
  byChannel { channel count } byBranch { branch { code } total } newProblems { code } kpis { contacts serviceLevel } league { branch { code } assigned } } } }`;

const report = async (token: string, month = OCT, branchId: string | null = null) =>
  ok(await hub.gql(token, REPORT, { month, branchId }), 'vocReport').vocReport;
const dashboard = async (token: string, vars: Record<string, unknown> = {}) =>
  ok(await hub.gql(token, DASHBOARD, vars), 'dashboard').dashboard;
const download = (path: string, token: string | null) =>
  fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
async function workbook(path: string, token: string): Promise<ExcelJS.Workbook> {
  const res = await download(path, token);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return wb;
}
/** A sheet's rows below the header as plain values. */
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(2)
    .filter(Boolean)
    .map((r) => (r as ExcelJS.CellValue[]).slice(1));
const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
const valueOf = (sheet: ExcelJS.Worksheet, label: string) => rowsOf(sheet).find((r) => r[0] === label)?.[1];

beforeAll(async () => {
  hub = await startHub({ clock: new TestClock(NOW), demo: { feedback: 2000, contacts: 3000 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
  base = hub.url.replace(/\/graphql$/, '');
});
afterAll(async () => hub.stop());

describe('dashboard', () => {
  it('counts what the feedback list counts, day by day and by kind, over a range', async () => {
    const from = cst('2026-10-01 00:00');
    const to = cst('2026-11-01 00:00');
    const d = await dashboard(t.coordinator!, { from, to });
    const total = async (filter: Record<string, unknown>) =>
      ok(
        await hub.gql(t.coordinator!, 'query($f: FeedbackFilter) { feedback(filter: $f, first: 1) { totalCount } }', {
          f: { from, to, ...filter },
        }),
      ).feedback.totalCount as number;
    for (const k of d.feedbackByKind) expect(k.count, k.kind).toBe(await total({ kind: [k.kind] }));
    for (const c of d.feedbackByChannel) expect(c.count, c.channel).toBe(await total({ channel: [c.channel] }));
    expect(d.feedbackDaily).toHaveLength(31);
    expect(d.feedbackDaily[0].day).toBe('2026-10-01');
    expect(d.feedbackDaily.reduce((s: number, x: { total: number }) => s + x.total, 0)).toBe(await total({}));
    expect(d.kpis.contacts).toBeGreaterThan(0);
    expect(d.kpis.assessments).toHaveLength(8);
  });

  it('is scoped for a branch manager exactly like the coordinator asking for that branch', async () => {
    const vars = { from: cst('2026-09-01 00:00'), to: cst('2026-11-15 12:00') };
    const mine = await dashboard(t['bm.sh']!, vars);
    const asked = await dashboard(t.coordinator!, { ...vars, branchId: ids.branch.SH });
    expect(mine).toEqual(asked);
    const all = await dashboard(t.coordinator!, vars);
    const sum = (d: any) => d.feedbackByKind.reduce((s: number, k: { count: number }) => s + k.count, 0);
    expect(sum(mine)).toBeGreaterThan(0);
    expect(sum(mine)).toBeLessThan(sum(all));
    expect(mine.kpis.contacts).toBeLessThan(all.kpis.contacts);
    expect(mine.league.every((l: { branch: { code: string } }) => l.branch.code.startsWith('SH'))).toBe(true);
    // Another branch's subtree: not found, as any out-of-scope id (api/report-scope.test.ts).
    expect(codeOf(await hub.gql(t['bm.sh']!, DASHBOARD, { ...vars, branchId: ids.branch.BJ }))).toBe('NOT_FOUND');
  });
});

describe('the monthly report', () => {
  it('covers the month for the whole bank, with the loop’s performance', async () => {
    const r = await report(t.coordinator!);
    expect(r.total).toBe(r.praise + r.problems + r.suggestions);
    expect(r.byChannel.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(r.total);
    expect(r.byBranch.reduce((s: number, b: { total: number }) => s + b.total, 0)).toBe(r.total);
    expect(r.byBranch.every((b: { branch: { code: string } }) => !b.branch.code.includes('-'))).toBe(true); // 分行 rows
    expect(r.quotes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(r.quoteGroups.map((g: { kind: string }) => g.kind))).toEqual(new Set(['PRAISE', 'PROBLEM', 'SUGGESTION']));
    expect(r.league.length).toBeGreaterThan(0);
    expect(r.rootCauses.at(-1)?.cumulativeShare ?? 1).toBeCloseTo(1);
    expect(r.branch).toBeNull();
  });

  it('is scoped for a branch manager: their branch’s own and its sub-branches', async () => {
    const mine = await report(t['bm.sh']!);
    expect(mine).toEqual(await report(t.coordinator!, OCT, ids.branch.SH));
    expect(mine.branch.code).toBe('SH');
    expect(mine.byBranch.every((b: { branch: { code: string } }) => b.branch.code.startsWith('SH'))).toBe(true);
    const bank = await report(t.coordinator!);
    expect(mine.total).toBe(bank.byBranch.find((b: { branch: { code: string } }) => b.branch.code === 'SH').total);
    const bankCodes = new Set(bank.newProblems.map((p: { code: string }) => p.code));
    expect(mine.newProblems.every((p: { code: string }) => bankCodes.has(p.code))).toBe(true);
    expect(codeOf(await hub.gql(t['bm.sh']!, REPORT, { month: OCT, branchId: ids.branch.BJ }))).toBe('NOT_FOUND');
  });

  it('refuses a malformed month', async () => {
    expect(codeOf(await hub.gql(t.coordinator!, REPORT, { month: '2026-13' }))).toBe('BAD_USER_INPUT');
  });
});

describe('publishing the month', () => {
  let v1: any;
  let v1Sh: any;

  it('is for the coordinator only, and for months that have ended', async () => {
    for (const who of ['bm.sh', 'analyst', 'agent'])
      expect(codeOf(await hub.gql(t[who]!, PUBLISH, { i: { month: OCT } })), who).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(t.coordinator!, PUBLISH, { i: { month: '2026-11' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(t.coordinator!, PUBLISH, { i: { month: 'october' } }))).toBe('BAD_USER_INPUT');
    expect(ok(await hub.gql(t.coordinator!, PUBLISHED, { month: OCT })).publishedVocReport).toBeNull();
  });

  it('freezes version 1 and tells every branch it is out', async () => {
    const EVENTS = 'subscription { hubEvents { type note problem { id } } }';
    const [bm, agent] = await listening(hub, 2, () => [collect<any>(hub.ws(t['bm.bj']!), EVENTS), collect<any>(hub.ws(t.agent!), EVENTS)]);
    const p = ok(await hub.gql(t.coordinator!, PUBLISH, { i: { month: OCT } })).publishVocReport;
    expect(p).toMatchObject({ month: OCT, version: 1, summary: '首次发布', changes: [], publishedBy: { username: 'coordinator' } });
    for (const sub of [bm, agent]) {
      await sub.until(() => sub.items.some((e) => e.hubEvents.type === 'REPORT_PUBLISHED'));
      expect(sub.items.find((e) => e.hubEvents.type === 'REPORT_PUBLISHED').hubEvents).toEqual({
        type: 'REPORT_PUBLISHED',
        note: `每月客户之声 ${OCT} 第 1 版已发布`,
        problem: null,
      });
      sub.dispose();
    }
    v1 = ok(await hub.gql(t.coordinator!, PUBLISHED, { month: OCT })).publishedVocReport;
    v1Sh = ok(await hub.gql(t['bm.sh']!, PUBLISHED, { month: OCT })).publishedVocReport;
    const live = await report(t.coordinator!);
    expect(v1.report).toMatchObject({ total: live.total, problems: live.problems, byChannel: live.byChannel, branch: null });
    expect(v1Sh.report.branch.code).toBe('SH');
    expect(v1Sh.report.total).toBe((await report(t['bm.sh']!)).total);
  });

  it('stays unchanged after late data; republishing makes version 2 and says what changed', async () => {
    const before = await report(t.coordinator!);
    await recordFeedback(hub, t.agent!, {
      branchId: ids.branch['SH-PD']!,
      categoryId: ids.category.LOAN!,
      text: '迟到的十月反馈：贷款审批太慢',
      receivedAt: cst('2026-10-15 10:00'),
    });
    ok(
      await hub.gql(t.analyst!, RECORD_CONTACTS, {
        i: {
          records: [
            {
              channel: 'VOICE',
              offeredAt: cst('2026-10-15 10:00'),
              answered: false,
              waitSeconds: 80,
              transferred: false,
              workOrder: false,
              complaint: false,
            },
          ],
        },
      }),
    );
    const live = await report(t.coordinator!);
    expect(live.problems).toBe(before.problems + 1);
    expect(live.kpis.contacts).toBe(before.kpis.contacts + 1);
    // The published version did not move.
    expect(ok(await hub.gql(t.coordinator!, PUBLISHED, { month: OCT })).publishedVocReport).toEqual(v1);
    expect(ok(await hub.gql(t['bm.sh']!, PUBLISHED, { month: OCT })).publishedVocReport).toEqual(v1Sh);

    const v2 = ok(await hub.gql(t.coordinator!, PUBLISH, { i: { month: OCT } })).publishVocReport;
    expect(v2.version).toBe(2);
    expect(v2.changes).toContainEqual({ key: 'problems', label: '问题之声', before: before.problems, after: before.problems + 1 });
    expect(v2.summary).toContain(`问题之声 ${before.problems} → ${before.problems + 1}`);
    expect(v2.summary).toMatch(/^与第 1 版相比 \d+ 项变化/);
    // Version 1 is still there, as it was; the latest is version 2.
    expect(ok(await hub.gql(t.coordinator!, PUBLISHED, { month: OCT, version: 1 })).publishedVocReport).toEqual(v1);
    const latest = ok(await hub.gql(t.coordinator!, PUBLISHED, { month: OCT })).publishedVocReport;
    expect(latest.version).toBe(2);
    expect(latest.report.problems).toBe(live.problems);
    // The branch manager's own section says what changed for their branch.
    const sh = ok(await hub.gql(t['bm.sh']!, PUBLISHED, { month: OCT })).publishedVocReport;
    expect(sh.report.problems).toBe(v1Sh.report.problems + 1);
    expect(sh.changes).toContainEqual({
      key: 'problems',
      label: '问题之声',
      before: v1Sh.report.problems,
      after: v1Sh.report.problems + 1,
    });
    const list = ok(await hub.gql(t['bm.sh']!, `{ publishedVocReports(month: "${OCT}") { version summary } }`)).publishedVocReports;
    expect(list.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    // Another branch's section is out of a branch manager's reach.
    expect(codeOf(await hub.gql(t['bm.sh']!, PUBLISHED, { month: OCT, branchId: ids.branch.BJ }))).toBe('NOT_FOUND');
  });
});

describe('exports', () => {
  const SHEETS = [
    '概览',
    '渠道分布',
    '问题类别',
    '机构分布',
    '服务指标',
    '新增问题',
    '已解决问题',
    '产品创新',
    '代表性原声',
    '分行联动排行',
    '环节周期',
    '根因分析',
  ];

  it('the monthly workbook: a sheet per section, Chinese headers, frozen header rows, figures as the API says', async () => {
    const r = await report(t.coordinator!);
    const wb = await workbook(`/exports/voc/${OCT}.xlsx`, t.coordinator!);
    expect(wb.worksheets.map((s) => s.name)).toEqual(SHEETS);
    for (const s of wb.worksheets) {
      expect(s.views[0], s.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.getRow(1).getCell(1).font?.bold, s.name).toBe(true);
    }
    const summary = wb.getWorksheet('概览')!;
    expect(headerOf(summary)).toEqual(['项目', '数值']);
    expect([
      valueOf(summary, '赞扬之声'),
      valueOf(summary, '问题之声'),
      valueOf(summary, '建议之声'),
      valueOf(summary, '其中投诉'),
    ]).toEqual([r.praise, r.problems, r.suggestions, r.complaints]);
    expect([valueOf(summary, '本月到期联动事项'), valueOf(summary, '按时完成'), valueOf(summary, '新增问题')]).toEqual([
      r.actionsDue,
      r.actionsDoneOnTime,
      r.newProblems.length,
    ]);
    const channels = wb.getWorksheet('渠道分布')!;
    expect(headerOf(channels)).toEqual(['渠道', '客户之声数量', '占比']);
    expect(rowsOf(channels).map((x) => x[1])).toEqual(r.byChannel.map((c: { count: number }) => c.count));
    expect(channels.getCell('C2').numFmt).toBe('0.0%');
    expect(channels.getCell('B2').numFmt).toBe('#,##0');
    const kpis = wb.getWorksheet('服务指标')!;
    expect(headerOf(kpis)).toEqual(['指标', '本月', '目标', '方向', '是否达标']);
    expect(rowsOf(kpis).map((x) => x[1] ?? null)).toEqual(r.kpis.assessments.map((a: { value: number | null }) => a.value));
    expect(rowsOf(kpis)[0]![0]).toBe('服务水平');
    expect(kpis.getCell('B2').numFmt).toBe('0.0%');
    const cats = wb.getWorksheet('问题类别')!;
    expect(rowsOf(cats).map((x) => [x[0], x[1], x[2]])).toEqual(
      r.topCategories.map((c: { category: { name: string }; count: number; previousCount: number }) => [
        c.category.name,
        c.count,
        c.previousCount,
      ]),
    );
    const league = wb.getWorksheet('分行联动排行')!;
    expect(headerOf(league)).toContain('按时率');
    expect(rowsOf(league).map((x) => [x[1], x[2], x[6]])).toEqual(
      r.league.map((l: { branch: { name: string }; assigned: number; overdueNow: number }) => [l.branch.name, l.assigned, l.overdueNow]),
    );
    const root = wb.getWorksheet('根因分析')!;
    expect(rowsOf(root).map((x) => x[1])).toEqual(r.rootCauses.map((c: { count: number }) => c.count));
    if (r.rootCauses.length) expect(root.getCell('C2').numFmt).toBe('0.0%');
    expect(rowsOf(wb.getWorksheet('新增问题')!).map((x) => x[0])).toEqual(r.newProblems.map((p: { code: string }) => p.code));
  });

  it('a published version exports as frozen, not as the live figures', async () => {
    const wb = await workbook(`/exports/voc/${OCT}.xlsx?version=1`, t.coordinator!);
    const v1 = ok(await hub.gql(t.coordinator!, PUBLISHED, { month: OCT, version: 1 })).publishedVocReport.report;
    const live = await report(t.coordinator!);
    expect(valueOf(wb.getWorksheet('概览')!, '问题之声')).toBe(v1.problems);
    expect(valueOf(wb.getWorksheet('概览')!, '问题之声')).toBe(live.problems - 1);
    expect(valueOf(wb.getWorksheet('概览')!, '版本')).toBe('第 1 版');
    expect((await download(`/exports/voc/${OCT}.xlsx?version=9`, t.coordinator!)).status).toBe(404);
  });

  it('is scoped and masked like the queries', async () => {
    // A problem whose title quotes a customer's mobile, concerning SH-PD, opened this month.
    const fb = await recordFeedback(hub, t.agent!, {
      branchId: ids.branch['SH-PD']!,
      categoryId: ids.category.CREDIT_CARD!,
      text: '还款提醒没收到',
    });
    ok(
      await hub.gql(t.analyst!, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id } }', {
        i: { title: '客户13812345678多次来电', categoryId: ids.category.CREDIT_CARD, severity: 'HIGH', feedbackIds: [fb] },
      }),
    );
    const mine = await report(t['bm.sh']!, '2026-11');
    const wb = await workbook('/exports/voc/2026-11.xlsx', t['bm.sh']!);
    expect(valueOf(wb.getWorksheet('概览')!, '客户之声合计')).toBe(mine.total);
    expect(valueOf(wb.getWorksheet('概览')!, '范围')).toBe('上海分行');
    const branchNames = rowsOf(wb.getWorksheet('机构分布')!).map((x) => x[0]);
    expect(branchNames.length).toBeGreaterThan(0);
    expect(branchNames).toEqual(mine.byBranch.map((b: { branch: { name: string } }) => b.branch.name));
    const titles = rowsOf(wb.getWorksheet('新增问题')!).map((x) => String(x[1]));
    expect(titles).toContain('客户138****5678多次来电');
    expect(titles.join()).not.toContain('13812345678');
    const coordinator = await workbook('/exports/voc/2026-11.xlsx', t.coordinator!);
    expect(rowsOf(coordinator.getWorksheet('新增问题')!).map((x) => x[1])).toContain('客户13812345678多次来电');
  });

  it('the monthly report as CSV: the same figures, with a byte-order mark for Excel', async () => {
    const r = await report(t.coordinator!);
    const res = await download(`/exports/voc/${OCT}.csv`, t.coordinator!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    const row = (label: string) => lines.find((l) => l.startsWith(`${label},`))?.split(',')[1];
    expect([row('赞扬之声'), row('问题之声'), row('建议之声')]).toEqual([r.praise, r.problems, r.suggestions].map(String));
    expect(lines).toContain('渠道分布');
    expect(lines).toContain('渠道,客户之声数量,占比');
    const voice = r.byChannel.find((c: { channel: string }) => c.channel === 'VOICE').count;
    expect(lines).toContain(`人工坐席,${voice},${Math.round((voice / r.total) * 10_000) / 10_000}`);
  });

  it('the linkage table of a problem: the sheet a branch prints and signs, scoped and masked', async () => {
    const q = `{ problems(first: 50, filter: { status: [REMEDIATING] }) { edges { node { id code version actions { id title branch { code } department { code } } } } } }`;
    const problems = ok(await hub.gql(t.coordinator!, q)).problems.edges.map((e: any) => e.node);
    const withSh = problems.find(
      (p: any) =>
        p.actions.some((a: any) => a.branch?.code.startsWith('SH')) && p.actions.some((a: any) => !a.branch?.code.startsWith('SH')),
    );
    expect(withSh).toBeDefined();
    ok(
      await hub.gql(t.coordinator!, 'mutation($i: AddActionInput!) { addAction(input: $i) { id } }', {
        i: {
          problemId: withSh.id,
          action: { branchId: ids.branch['SH-PD'], title: '回访客户13912345678', description: '电话回访', dueAt: cst('2026-12-20 18:00') },
        },
      }),
    );
    const all = await workbook(`/exports/problems/${withSh.id}/linkage.xlsx`, t.coordinator!);
    const sheet = all.getWorksheet('联动服务表')!;
    expect(sheet.getCell('A1').value).toBe(`总、分行联动服务表 ${withSh.code}`);
    const view = sheet.views[0] as { state: string; ySplit: number };
    expect(view.state).toBe('frozen');
    const header = (sheet.getRow(view.ySplit).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual([
      '序号',
      '责任机构/部门',
      '整改事项',
      '具体要求',
      '完成时限',
      '状态',
      '是否逾期',
      '确认时间',
      '退回次数',
      '进展与佐证',
      '佐证文件',
    ]);
    const actionRows = (s: ExcelJS.Worksheet, from: number) => {
      const out: ExcelJS.CellValue[][] = [];
      for (let i = from + 1; typeof s.getRow(i).getCell(1).value === 'number'; i++)
        out.push((s.getRow(i).values as ExcelJS.CellValue[]).slice(1));
      return out;
    };
    expect(actionRows(sheet, view.ySplit)).toHaveLength(withSh.actions.length + 1);
    expect(actionRows(sheet, view.ySplit).map((r) => r[2])).toContain('回访客户13912345678');
    expect(sheet.getCell(view.ySplit + 1, 5).numFmt).toBe('yyyy-mm-dd hh:mm');
    let signed = false;
    sheet.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('分行负责人（签字）')) signed = true;
    });
    expect(signed).toBe(true);

    const mine = await workbook(`/exports/problems/${withSh.id}/linkage.xlsx`, t['bm.sh']!);
    const ms = mine.getWorksheet('联动服务表')!;
    const rows = actionRows(ms, (ms.views[0] as { ySplit: number }).ySplit);
    const shCount = withSh.actions.filter((a: any) => a.branch?.code.startsWith('SH')).length + 1;
    expect(rows).toHaveLength(shCount);
    expect(rows.map((r) => r[2])).toContain('回访客户139****5678');
    expect(JSON.stringify(rows)).not.toContain('13912345678');

    // A problem that concerns Beijing only does not exist for Shanghai's branch manager.
    const bj = await recordFeedback(hub, t.agent!, {
      branchId: ids.branch.BJ!,
      categoryId: ids.category.LOAN!,
      text: '北京客户反映贷款问题',
    });
    const notMine = ok(
      await hub.gql(t.analyst!, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id } }', {
        i: { title: '北京的问题', categoryId: ids.category.LOAN, severity: 'LOW', feedbackIds: [bj] },
      }),
    ).openProblem;
    const res = await download(`/exports/problems/${notMine.id}/linkage.xlsx`, t['bm.sh']!);
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await download(`/exports/problems/${notMine.id}/linkage.xlsx`, t['bm.bj']!)).status).toBe(200);
  });

  it('answers 401 without a sign-in and 400 for a bad month, as JSON', async () => {
    const none = await download(`/exports/voc/${OCT}.xlsx`, null);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect((await download(`/exports/voc/${OCT}.xlsx`, 'not-a-token')).status).toBe(401);
    expect((await download('/exports/voc/2026-13.csv', t.coordinator!)).status).toBe(400);
    expect((await download('/exports/voc/2026-10.pdf', t.coordinator!)).status).toBe(404);
    expect((await download('/reports/voc/2026-10/print?version=x', t.coordinator!)).status).toBe(400);
  });
});

describe('the printable report', () => {
  const page = async (path: string, token: string) => {
    const res = await download(path, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    return res.text();
  };
  const figure = (html: string, key: string) => Number(new RegExp(`data-figure="${key}">([\\d,]+)<`).exec(html)?.[1]?.replaceAll(',', ''));

  it('is a self-contained A4 page in Chinese with charts and the figures of the API', async () => {
    const r = await report(t.coordinator!);
    const html = await page(`/reports/voc/${OCT}/print`, t.coordinator!);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`${OCT} 每月客户之声（全行）`);
    expect(html).toMatch(/@page\s*{\s*size:\s*A4/);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    // Nothing from elsewhere: no scripts, no external resources.
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    for (const key of ['praise', 'problems', 'suggestions', 'total', 'complaints', 'actionsDue', 'actionsDoneOnTime', 'actionsOverdue'])
      expect(figure(html, key), key).toBe(r[key]);
    expect(figure(html, 'newProblems')).toBe(r.newProblems.length);
    expect(html).toContain('data-table="league"');
    for (const l of r.league) expect(html).toContain(`<td>${l.branch.name}</td>`);
  });

  it('is scoped for a branch manager and can show a published version', async () => {
    const mine = await report(t['bm.sh']!);
    const html = await page(`/reports/voc/${OCT}/print`, t['bm.sh']!);
    expect(figure(html, 'total')).toBe(mine.total);
    expect(html).toContain('每月客户之声（上海分行）');
    const v1 = ok(await hub.gql(t.coordinator!, PUBLISHED, { month: OCT, version: 1 })).publishedVocReport.report;
    const frozen = await page(`/reports/voc/${OCT}/print?version=1`, t.coordinator!);
    expect(figure(frozen, 'problems')).toBe(v1.problems);
    expect(frozen).toContain('已发布第 1 版');
  });
});
