import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { startHub, codeOf, TestClock, type TestHub } from '../utils/hub.js';
import { bankTime, viewerOf, refs, type Hubish } from '../server/deadline/loop.factory.js';
import { isWorkingDay, type WorkingCalendar } from '../../server/src/core/calendar.rules.js';
import type { ComplaintRow } from '../../server/src/complaint/complaint.repository.js';

/**
 * The quarterly regulatory statistics (issue 17): every figure of complaintStatistics and of
 * GET /exports/complaints/2026-Q4.xlsx equals a recount, written here independently, from the raw
 * complaint_cases rows; scoped like the VOC export; text cells stay text.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY = 86_400_000;
const FIGURES = `received decidedWithin15Days decidedWithin30Days decidedWithin60Days overdue withdrawn reviewRequested
  reviewUpheld reviewChanged reviewPending averageHandlingDays`;
const STATS = `query($q: String!, $b: ID) { complaintStatistics(quarter: $q, branchId: $b) {
  quarter asOf total { ${FIGURES} }
  byCode { channelCode channelName businessCode businessName causeCode causeName figures { ${FIGURES} } }
  byBranch { branch { code name } figures { ${FIGURES} } } } }`;
const KEYS = FIGURES.split(/\s+/).filter(Boolean);

interface RawCase {
  branch_id: string;
  channel_code: string;
  business_code: string;
  cause_code: string;
  status: string;
  received_at: number;
  due_at: number;
  decided_at: number | null;
  review_requested_at: number | null;
  reviewed_at: number | null;
  review_upheld: number | boolean | null;
  closed_at: number | null;
}

let hub: TestHub;
let h: Hubish;
let r: Awaited<ReturnType<typeof refs>>;
const clock = new TestClock(bankTime('2026-09-20 10:00'));
const as = (u: string) => viewerOf(h, u);

// ---- The recount, independent of the hub's rules: local days as strings, the limit rolled forward day by day.
const localDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
function limitEnd(calendar: WorkingCalendar, receivedAt: number, days: number): number {
  let day = localDay(receivedAt);
  for (let i = 0; i < days; i++) day = nextDay(day);
  while (!isWorkingDay(calendar, day)) day = nextDay(day);
  return Date.parse(`${day}T23:59:59.999+08:00`);
}
function recount(cases: RawCase[], calendar: WorkingCalendar, now: number): Record<string, number | null> {
  const n = (v: unknown) => (v === null ? null : Number(v));
  const decided = cases.filter((c) => c.decided_at !== null);
  const within = (days: number) => decided.filter((c) => n(c.decided_at)! <= limitEnd(calendar, n(c.received_at)!, days)).length;
  const reviewed = cases.filter((c) => c.review_requested_at !== null);
  const upheld = (v: RawCase['review_upheld']) => (v === null ? null : Number(v) === 1);
  return {
    received: cases.length,
    decidedWithin15Days: within(15),
    decidedWithin30Days: within(30),
    decidedWithin60Days: within(60),
    overdue: cases.filter((c) => {
      const end = c.decided_at !== null ? n(c.decided_at) : c.status === 'WITHDRAWN' ? n(c.closed_at) : null;
      return end !== null ? end > n(c.due_at)! : now > n(c.due_at)!;
    }).length,
    withdrawn: cases.filter((c) => c.status === 'WITHDRAWN').length,
    reviewRequested: reviewed.length,
    reviewUpheld: reviewed.filter((c) => c.reviewed_at !== null && upheld(c.review_upheld) === true).length,
    reviewChanged: reviewed.filter((c) => c.reviewed_at !== null && upheld(c.review_upheld) === false).length,
    reviewPending: reviewed.filter((c) => c.reviewed_at === null || upheld(c.review_upheld) === null).length,
    averageHandlingDays: decided.length
      ? Math.round((decided.reduce((s, c) => s + (n(c.decided_at)! - n(c.received_at)!), 0) / decided.length / DAY) * 100) / 100
      : null,
  };
}
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i]);
  return m;
}

// ---- The quarter's cases, played through in time order.
async function register(branch: string, codes: [string, string, string], extra: { receivedAt?: Date } = {}) {
  return h.services.complaints.register(await as('agent'), {
    branchId: r.branch[branch]!,
    channelCode: codes[0],
    businessCode: codes[1],
    causeCode: codes[2],
    request: '客户投诉',
    ...extra,
  });
}
const managerOf = (c: ComplaintRow) => (c.branchId === r.branch.BJ ? 'bm.bj' : 'bm.sh-pd');
async function assign(c: ComplaintRow) {
  const m = managerOf(c);
  return h.services.complaints.assign(await as(m), { caseId: c.id, expectedVersion: c.version, handlerId: r.user[m]! });
}
async function decide(c: ComplaintRow) {
  return h.services.complaints.decide(await as(managerOf(c)), {
    caseId: c.id,
    expectedVersion: c.version,
    findings: '已核实',
    basis: '合同条款',
    remedies: ['REVIEW', 'MEDIATION'],
  });
}
async function extend(c: ComplaintRow, by: string) {
  return h.services.complaints.extend(await as(by), {
    caseId: c.id,
    expectedVersion: c.version,
    reason: '案情复杂',
    customerToldAt: clock.now(),
  });
}
async function review(c: ComplaintRow) {
  return h.services.complaints.requestReview(await as('agent'), { caseId: c.id, expectedVersion: c.version, reason: '不服' });
}
async function reviewed(c: ComplaintRow, upheld: boolean | null) {
  return h.services.complaints.completeReview(await as('bm.sh'), { caseId: c.id, expectedVersion: c.version, outcome: '核实完毕', upheld });
}

const token: Record<string, string> = {};
let base: string;
const get = (path: string, tk: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tk}` } });

beforeAll(async () => {
  hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
  base = hub.url.replace(/\/graphql$/, '');
  h = { services: hub.app.services, store: hub.store };
  r = await refs(h);
  const A = ['A0101', 'B03', 'C01'] as [string, string, string];
  const B = ['A010303', 'B03', 'C02'] as [string, string, string];
  const C = ['A0102', 'B01', 'C01'] as [string, string, string];

  // Q3: out of the quarter.
  await register('SH-PD', A);
  clock.set(bankTime('2026-10-09 09:00'));
  // Received at the end of Q3 but registered now: counted by receipt, so out of the quarter too.
  await register('BJ', A, { receivedAt: new Date(bankTime('2026-09-30 23:00')) });
  const c1 = await assign(await register('SH-PD', A));
  let c2 = await assign(await register('SH-PD', A));
  let c3 = await assign(await register('BJ', B));
  clock.set(bankTime('2026-10-12 09:00'));
  await decide(c1);
  clock.set(bankTime('2026-10-15 09:00'));
  const c4 = await register('SH-PD', C);
  clock.set(bankTime('2026-10-16 09:00'));
  await h.services.complaints.withdraw(await as('agent'), { caseId: c4.id, expectedVersion: c4.version, note: '客户来电撤回' });
  clock.set(bankTime('2026-10-20 09:00'));
  await assign(await register('BJ', C)); // never decided: overdue
  let c6 = await assign(await register('SH-PD', B));
  c3 = await extend(c3, 'bm.bj');
  clock.set(bankTime('2026-10-21 09:00'));
  let c7 = await assign(await register('SH-PD', B));
  let c8 = await assign(await register('SH-PD', A));
  c2 = await extend(c2, 'bm.sh-pd');
  clock.set(bankTime('2026-10-22 09:00'));
  const c10 = await assign(await register('SH-PD', C));
  clock.set(bankTime('2026-10-25 09:00'));
  c6 = await decide(c6);
  c7 = await decide(c7);
  c8 = await decide(c8);
  clock.set(bankTime('2026-10-26 09:00'));
  c6 = await review(c6);
  c7 = await review(c7);
  await review(c8);
  clock.set(bankTime('2026-10-29 15:00'));
  await decide(c2);
  clock.set(bankTime('2026-11-05 09:00'));
  c3 = await extend(c3, 'coordinator');
  clock.set(bankTime('2026-11-10 09:00'));
  await reviewed(c6, true);
  await reviewed(c7, false);
  clock.set(bankTime('2026-11-11 16:00'));
  await decide(c10); // day 20, not extended: late
  clock.set(bankTime('2026-11-23 11:00'));
  await decide(c3); // day 45, within the 60 days
  clock.set(bankTime('2026-12-30 09:00'));
  await register('SH-PD', A); // received in the quarter, open and not yet due
  clock.set(bankTime('2027-01-10 09:00'));
  for (const u of ['coordinator', 'bm.bj', 'bm.sh', 'agent', 'admin']) token[u] = await hub.login(u);
});
afterAll(async () => hub?.stop());

async function rawCases(branchIds: string[] | null): Promise<RawCase[]> {
  const from = bankTime('2026-10-01 00:00');
  const to = bankTime('2027-01-01 00:00');
  const all = await hub.db.all<RawCase>('SELECT * FROM complaint_cases WHERE received_at >= ? AND received_at < ?', from, to);
  return all.filter((c) => !branchIds || branchIds.includes(c.branch_id));
}
const figuresOf = (f: Record<string, unknown>) => Object.fromEntries(KEYS.map((k) => [k, f[k]]));

/** The workbook's three sheets as the query's shape: by code, by branch (code), total. */
async function workbook(path: string, tk: string) {
  const res = await get(path, tk);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheetRows = (name: string) => {
    const sheet = wb.getWorksheet(name)!;
    const out: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row, i) => {
      if (i === 1) return;
      const cells: ExcelJS.CellValue[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        expect(cell.type, `${name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        cells.push(cell.value);
      }
      out.push(cells);
    });
    return out;
  };
  const figs = (cells: ExcelJS.CellValue[]) => Object.fromEntries(KEYS.map((k, i) => [k, cells[i] ?? null]));
  return {
    byCode: sheetRows('按分类编码').map((c) => ({ key: `${c[0]}|${c[2]}|${c[4]}`, names: [c[1], c[3], c[5]], figures: figs(c.slice(6)) })),
    byBranch: sheetRows('按机构').map((c) => ({ code: c[0] as string, figures: figs(c.slice(2)) })),
    total: figs(sheetRows('合计')[0]!.slice(1)),
  };
}

describe('quarterly complaint statistics', () => {
  it('every figure, in the query and in the XLSX, equals a recount from the raw case rows', async () => {
    const calendar = hub.app.services.deadlines.config.calendar;
    const now = clock.now().getTime();
    const raw = await rawCases(null);
    expect(raw).toHaveLength(10);
    const expectedTotal = recount(raw, calendar, now);
    // The scenario covers every figure with something to count.
    for (const k of KEYS) expect(expectedTotal[k], k).not.toBe(0);
    expect(expectedTotal).toMatchObject({
      received: 10,
      withdrawn: 1,
      reviewRequested: 3,
      reviewUpheld: 1,
      reviewChanged: 1,
      reviewPending: 1,
    });

    const s = (await hub.gql(token.coordinator!, STATS, { q: '2026-Q4' })).data!.complaintStatistics;
    expect(figuresOf(s.total)).toEqual(expectedTotal);

    const byCode = groupBy(raw, (c) => `${c.channel_code}|${c.business_code}|${c.cause_code}`);
    expect(s.byCode.map((c: any) => `${c.channelCode}|${c.businessCode}|${c.causeCode}`).sort()).toEqual([...byCode.keys()].sort());
    for (const c of s.byCode)
      expect(figuresOf(c.figures)).toEqual(recount(byCode.get(`${c.channelCode}|${c.businessCode}|${c.causeCode}`)!, calendar, now));
    expect(s.byCode.find((c: any) => c.channelCode === 'A010303')).toMatchObject({ channelName: '移动客户端' });

    const codeOfBranch = Object.fromEntries(Object.entries(r.branch).map(([code, id]) => [id, code]));
    const byBranch = groupBy(raw, (c) => codeOfBranch[c.branch_id]!);
    expect(s.byBranch.map((b: any) => b.branch.code).sort()).toEqual([...byBranch.keys()].sort());
    for (const b of s.byBranch) expect(figuresOf(b.figures)).toEqual(recount(byBranch.get(b.branch.code)!, calendar, now));

    const x = await workbook('/exports/complaints/2026-Q4.xlsx', token.coordinator!);
    expect(x.total).toEqual(expectedTotal);
    expect(x.byCode.map((c) => c.key).sort()).toEqual([...byCode.keys()].sort());
    for (const c of x.byCode) expect(c.figures).toEqual(recount(byCode.get(c.key)!, calendar, now));
    expect(x.byBranch.map((b) => b.code).sort()).toEqual([...byBranch.keys()].sort());
    for (const b of x.byBranch) expect(b.figures).toEqual(recount(byBranch.get(b.code)!, calendar, now));
  });

  it('a branch manager gets their subtree; a branch outside it is NOT_FOUND in the query and 404 on the export', async () => {
    const calendar = hub.app.services.deadlines.config.calendar;
    const bj = [...hub.deps.org.subtree(r.branch.BJ!)];
    const expected = recount(await rawCases(bj), calendar, clock.now().getTime());
    expect(expected.received).toBe(2);
    const s = (await hub.gql(token['bm.bj']!, STATS, { q: '2026-Q4' })).data!.complaintStatistics;
    expect(figuresOf(s.total)).toEqual(expected);
    expect(s.byBranch.map((b: any) => b.branch.code)).toEqual(['BJ']);
    expect((await workbook('/exports/complaints/2026-Q4.xlsx', token['bm.bj']!)).total).toEqual(expected);

    expect(codeOf(await hub.gql(token['bm.bj']!, STATS, { q: '2026-Q4', b: r.branch['SH-PD'] }))).toBe('NOT_FOUND');
    expect((await get(`/exports/complaints/2026-Q4.xlsx?branchId=${r.branch['SH-PD']}`, token['bm.bj']!)).status).toBe(404);
    expect((await get('/exports/complaints/2026-Q4.xlsx', 'not-a-token')).status).toBe(401);
    expect((await fetch(`${base}/exports/complaints/2026-Q4.xlsx`)).status).toBe(401);
    expect((await get('/exports/complaints/2026-Q5.xlsx', token.coordinator!)).status).toBe(404);
    expect(codeOf(await hub.gql(token.coordinator!, STATS, { q: '2026-Q5' }))).toBe('BAD_USER_INPUT');

    // Head office narrows to SH's subtree.
    const sh = [...hub.deps.org.subtree(r.branch.SH!)];
    const narrowed = (await hub.gql(token.coordinator!, STATS, { q: '2026-Q4', b: r.branch.SH })).data!.complaintStatistics;
    expect(figuresOf(narrowed.total)).toEqual(recount(await rawCases(sh), calendar, clock.now().getTime()));
  });

  it('the monthly VOC report counts the month’s complaint cases by code, in its scope', async () => {
    const raw = (await rawCases(null)).filter((c) => c.received_at < bankTime('2026-11-01 00:00'));
    const expected = [...groupBy(raw, (c) => `${c.channel_code}|${c.business_code}|${c.cause_code}`)]
      .map(([key, list]) => ({ key, count: list.length }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const VOC = `query($b: ID) { vocReport(month: "2026-10", branchId: $b) { complaintCasesByCode { channelCode businessCode causeCode causeName count } } }`;
    const got = (await hub.gql(token.coordinator!, VOC)).data!.vocReport.complaintCasesByCode;
    expect(got.map((c: any) => ({ key: `${c.channelCode}|${c.businessCode}|${c.causeCode}`, count: c.count }))).toEqual(expected);
    expect(got.reduce((n: number, c: any) => n + c.count, 0)).toBe(9);
    const bj = (await hub.gql(token['bm.bj']!, VOC)).data!.vocReport.complaintCasesByCode;
    expect(bj.reduce((n: number, c: any) => n + c.count, 0)).toBe(raw.filter((c) => c.branch_id === r.branch.BJ).length);
  });

  it('code names the admin gives stay text in the workbook, formulas included', async () => {
    const add = `mutation($i: AddComplaintCodeInput!) { addComplaintCode(input: $i) { code name active version } }`;
    const added = await hub.gql(token.admin!, add, { i: { axis: 'CAUSE', code: 'C9901', name: '=HYPERLINK("http://x","点击")' } });
    expect(added.errors).toBeUndefined();
    await register('SH-PD', ['A0101', 'B03', 'C9901']);
    const x = await workbook('/exports/complaints/2027-Q1.xlsx', token.coordinator!);
    expect(x.byCode).toEqual([
      expect.objectContaining({ key: 'A0101|B03|C9901', names: ['营业现场', expect.any(String), '=HYPERLINK("http://x","点击")'] }),
    ]);
  });
});
