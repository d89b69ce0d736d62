import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startHub, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, recordFeedback, openProblem, problemInConsultation, conclude, type DemoIds } from '../utils/fixtures.js';

/**
 * List exports (issue 18): the inbox, the problem board and the action lists with their filters as
 * CSV and XLSX, holding exactly the rows the list pages through for the same viewer (filters and
 * branch scope), masked as the API masks for that viewer, with no cell a spreadsheet evaluates.
 */
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const PHONE = '13812345678';
const FORMULA = '=HYPERLINK("http://evil.example/","点我") 客户原声';

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
let base: string;
let phoneItem: string;
let formulaItem: string;

const get = (path: string, token: string | null) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const download = async (path: string, token: string) => {
  const res = await get(path, token);
  expect(res.status, `${path}: ${res.status === 200 ? '' : await res.clone().text()}`).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};
const q = (filter: object) => `?filter=${encodeURIComponent(JSON.stringify(filter))}`;
const csvRows = async (path: string, token: string) => parse(await download(path, token), { bom: true }) as string[][];
const xlsxRows = async (path: string, token: string) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await download(path, token)) as unknown as ArrayBuffer);
  const rows: ExcelJS.Row[] = [];
  book.worksheets[0]!.eachRow((row) => rows.push(row));
  return rows;
};

/** Every node of a list as the API pages it for this viewer. */
async function listed(
  token: string,
  field: 'feedback' | 'problems' | 'actions' | 'complaintCases',
  type: string,
  filter: object,
  select: string,
) {
  const out: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (;;) {
    const r: { edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = ok(
      await hub.gql(
        token,
        `query($f: ${type}, $a: String) { ${field}(filter: $f, first: 100, after: $a) { edges { node { ${select} } } pageInfo { hasNextPage endCursor } } }`,
        {
          f: filter,
          a: after,
        },
      ),
    )[field];
    out.push(...r.edges.map((e: { node: Record<string, unknown> }) => e.node));
    if (!r.pageInfo.hasNextPage) return out;
    after = r.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  hub = await startHub({ clock: new TestClock(NOW), demo: { feedback: 400, contacts: 20 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
  base = hub.url.replace(/\/graphql$/, '');
  phoneItem = await recordFeedback(hub, t.agent!, {
    categoryId: ids.category.CREDIT_CARD!,
    branchId: ids.branch['SH-PD']!,
    text: `客户手机 ${PHONE} 收不到还款提醒`,
    customerRef: PHONE,
  });
  formulaItem = await recordFeedback(hub, t.agent!, { categoryId: ids.category.LOAN!, branchId: ids.branch.SH!, text: FORMULA });
  await openProblem(hub, t.coordinator!, ids.category.CREDIT_CARD!, [phoneItem], `=cmd|' /C calc'!A0 客户 ${PHONE} 投诉`);
});
afterAll(async () => hub.stop());

describe('list exports', () => {
  it('the inbox export holds exactly the rows the list holds for the same filter, in its order', async () => {
    const filters = [
      {},
      { kind: ['PROBLEM'], channel: ['VOICE', 'ONLINE'] },
      { branchId: ids.branch.SH, unassigned: true },
      { search: '还款' },
    ];
    for (const filter of filters) {
      const api = (await listed(t.coordinator!, 'feedback', 'FeedbackFilter', filter, 'id')).map((n) => n.id);
      const rows = await csvRows(`/exports/lists/inbox.csv${q(filter)}`, t.coordinator!);
      expect(rows[0]).toContain('客户之声');
      expect(
        rows.slice(1).map((r) => r[0]),
        JSON.stringify(filter),
      ).toEqual(api);
      const sheet = await xlsxRows(`/exports/lists/inbox.xlsx${q(filter)}`, t.coordinator!);
      expect(
        sheet.slice(1).map((r) => r.getCell(1).value),
        JSON.stringify(filter),
      ).toEqual(api);
    }
  });

  it('problems and actions: the same rows as their lists', async () => {
    const problems = (await listed(t.coordinator!, 'problems', 'ProblemFilter', { status: ['REMEDIATING', 'OPEN'] }, 'code')).map(
      (n) => n.code,
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(
      (await csvRows(`/exports/lists/problems.csv${q({ status: ['REMEDIATING', 'OPEN'] })}`, t.coordinator!)).slice(1).map((r) => r[0]),
    ).toEqual(problems);
    const actions = await listed(t.coordinator!, 'actions', 'ActionFilter', { overdue: false }, 'title');
    expect(actions.length).toBeGreaterThan(0);
    const rows = (await csvRows(`/exports/lists/actions.csv${q({ overdue: false })}`, t.coordinator!)).slice(1);
    expect(rows.map((r) => r[1])).toEqual(actions.map((a) => a.title));
  });

  it('a branch manager’s exports hold their subtree only, as their lists do', async () => {
    const inbox = await listed(t['bm.sh']!, 'feedback', 'FeedbackFilter', {}, 'id branch { name }');
    const rows = (await csvRows('/exports/lists/inbox.csv', t['bm.sh']!)).slice(1);
    expect(rows.map((r) => r[0])).toEqual(inbox.map((n) => n.id));
    const names = new Set(rows.map((r) => r[6]));
    expect(names.size).toBeGreaterThan(0);
    expect([...names].every((n) => inbox.some((i) => (i.branch as { name: string }).name === n))).toBe(true);
    const all = (await csvRows('/exports/lists/inbox.csv', t.coordinator!)).length;
    expect(rows.length + 1).toBeLessThan(all);
    // Another branch through the filter: nothing, as the list answers.
    expect((await csvRows(`/exports/lists/inbox.csv${q({ branchId: ids.branch.BJ })}`, t['bm.sh']!)).slice(1)).toEqual([]);
    expect((await listed(t['bm.sh']!, 'feedback', 'FeedbackFilter', { branchId: ids.branch.BJ }, 'id')).length).toBe(0);
    for (const [file, field, type] of [
      ['problems', 'problems', 'ProblemFilter'],
      ['actions', 'actions', 'ActionFilter'],
    ] as const) {
      const api = await listed(t['bm.bj']!, field, type, {}, field === 'problems' ? 'code' : 'title');
      const got = (await csvRows(`/exports/lists/${file}.csv`, t['bm.bj']!)).slice(1).map((r) => r[field === 'problems' ? 0 : 1]);
      expect(got, file).toEqual(api.map((n) => (field === 'problems' ? n.code : n.title)));
    }
  });

  it('personal data is masked per viewer exactly as the API masks it', async () => {
    const filter = { search: '还款提醒', branchId: ids.branch['SH-PD'] };
    for (const who of ['coordinator', 'analyst', 'agent', 'expert.card', 'bm.sh', 'admin']) {
      const api = (await listed(t[who]!, 'feedback', 'FeedbackFilter', filter, 'id text customerRef')).find((n) => n.id === phoneItem);
      const row = (await csvRows(`/exports/lists/inbox.csv${q(filter)}`, t[who]!)).find((r) => r[0] === phoneItem);
      expect(row, who).toBeDefined();
      expect(api, who).toBeDefined();
      expect([row![7], row![8]], who).toEqual([api!.text, api!.customerRef]);
      const clear = ['coordinator', 'analyst', 'agent'].includes(who);
      expect(row![7]!.includes(PHONE), who).toBe(clear);
      if (!clear) expect(row![7], who).toContain('138****5678');
      const sheet = await xlsxRows(`/exports/lists/inbox.xlsx${q(filter)}`, t[who]!);
      expect(sheet.find((r) => r.getCell(1).value === phoneItem)!.getCell(8).value, who).toBe(api!.text);
    }
    // Staff text (a problem's title) follows the role, as the @Masked fields do.
    for (const who of ['coordinator', 'expert.card', 'bm.sh']) {
      const api = (await listed(t[who]!, 'problems', 'ProblemFilter', { search: '投诉' }, 'code title'))[0]!;
      const row = (await csvRows(`/exports/lists/problems.csv${q({ search: '投诉' })}`, t[who]!)).find((r) => r[0] === api.code)!;
      expect(row[1]!.replace(/^'/, ''), who).toBe(api.title);
      expect(row[1]!.includes(PHONE), who).toBe(who === 'coordinator');
    }
  });

  it('no cell is a formula: CSV text that begins with = gets a leading quote; XLSX text stays text', async () => {
    const rows = await csvRows(`/exports/lists/inbox.csv${q({ categoryId: ids.category.LOAN })}`, t.coordinator!);
    expect(rows.find((r) => r[0] === formulaItem)![7]).toBe(`'${FORMULA}`);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const titles = (await csvRows('/exports/lists/problems.csv', t.coordinator!)).map((r) => r[1]);
    expect(titles.filter((x) => x!.startsWith("'=cmd")).length).toBe(1);
    const sheet = await xlsxRows(`/exports/lists/inbox.xlsx${q({ categoryId: ids.category.LOAN })}`, t.coordinator!);
    const cell = sheet.find((r) => r.getCell(1).value === formulaItem)!.getCell(8);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(FORMULA);
    // Dates are dates.
    expect(sheet[1]!.getCell(2).value).toBeInstanceOf(Date);
  });

  it('refusals: no sign-in 401, a bad filter 400 BAD_USER_INPUT, an unknown list 404', async () => {
    expect((await get('/exports/lists/inbox.csv', null)).status).toBe(401);
    for (const filter of ['{"kind":["NOPE"]}', 'nope', '{"status":["OPEN"]}', JSON.stringify({ search: 'x'.repeat(201) })]) {
      const res = await get(`/exports/lists/inbox.xlsx?filter=${encodeURIComponent(filter)}`, t.coordinator!);
      expect(res.status, filter).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    }
    expect((await get('/exports/lists/users.csv', t.admin!)).status).toBe(404);
    expect((await get('/exports/lists/inbox.pdf', t.admin!)).status).toBe(404);
  });
});

/** The audit rows of list exports written after `seq`. */
async function exportAudit(after: number) {
  return (
    await hub.db.all<{ seq: number; actor_id: string | null; outcome: string; detail: string }>(
      "SELECT seq, actor_id, outcome, detail FROM audit_log WHERE operation = 'exportList' AND seq > ? ORDER BY seq",
      after,
    )
  ).map((r) => ({ ...r, facts: JSON.parse(r.detail) as Record<string, unknown> }));
}
const lastAuditSeq = async () => Number((await hub.db.get<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM audit_log'))!.n);
const REGISTER = `mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { id } }`;
const CODES = { channelCode: 'A0101', businessCode: 'B03', causeCode: 'C01' };

describe('complaint list and coordinator desk exports', () => {
  let complaintIds: string[];
  beforeAll(async () => {
    const draft = [
      { branchId: ids.branch['SH-PD'], customerRef: `C20000001 ${PHONE}`, request: `客户要求退还信用卡年费，手机${PHONE}` },
      { branchId: ids.branch.SH, customerRef: 'C20000002', request: FORMULA },
      { branchId: ids.branch.BJ, customerRef: 'C20000003', request: '北京分行排队过久' },
    ];
    complaintIds = [];
    for (const d of draft) complaintIds.push(ok(await hub.gql(t.agent!, REGISTER, { i: { ...CODES, ...d } })).registerComplaint.id);
  });

  it('the complaint list exports exactly the cases the list holds for each viewer and filter, masked as the API masks them', async () => {
    for (const [who, filter] of [
      ['coordinator', {}],
      ['coordinator', { status: ['REGISTERED'], branchId: ids.branch.SH }],
      ['bm.sh', {}],
      ['bm.bj', {}],
      ['expert.card', {}],
    ] as const) {
      const api = await listed(t[who]!, 'complaintCases', 'ComplaintFilter', filter, 'id request customerRef daysLeft branch { name }');
      const rows = (await csvRows(`/exports/lists/complaints.csv${q(filter)}`, t[who]!)).slice(1);
      const label = `${who} ${JSON.stringify(filter)}`;
      expect(
        rows.map((r) => r[0]),
        label,
      ).toEqual(api.map((c) => c.id));
      for (const [i, c] of api.entries()) {
        expect([rows[i]![3], rows[i]![7]!.replace(/^'/, ''), rows[i]![8]], label).toEqual([
          (c.branch as { name: string }).name,
          c.request,
          c.customerRef,
        ]);
        expect(rows[i]![11], label).toBe(c.daysLeft === null ? '' : String(c.daysLeft));
      }
      const sheet = await xlsxRows(`/exports/lists/complaints.xlsx${q(filter)}`, t[who]!);
      expect(
        sheet.slice(1).map((r) => r.getCell(1).value),
        label,
      ).toEqual(api.map((c) => c.id));
    }
    // A branch manager's export holds their subtree's cases only; the phone is masked for those who see it masked.
    const sh = (await csvRows('/exports/lists/complaints.csv', t['bm.sh']!)).slice(1).map((r) => r[0]);
    expect(sh).toEqual(expect.arrayContaining([complaintIds[0], complaintIds[1]]));
    expect(sh).not.toContain(complaintIds[2]);
    const phoneRow = (await csvRows('/exports/lists/complaints.csv', t['expert.card']!)).find((r) => r[0] === complaintIds[0])!;
    expect(phoneRow[7]).not.toContain(PHONE);
    expect(phoneRow[7]).toContain('138****5678');
    const clear = (await csvRows('/exports/lists/complaints.csv', t.agent!)).find((r) => r[0] === complaintIds[0])!;
    expect(clear[7]).toContain(PHONE);
    expect(clear[2]).toBe('已登记');
  });

  it('complaint exports neutralise formulas and refuse a bad filter', async () => {
    const rows = await csvRows('/exports/lists/complaints.csv', t.coordinator!);
    expect(rows.find((r) => r[0] === complaintIds[1])![7]).toBe(`'${FORMULA}`);
    const sheet = await xlsxRows('/exports/lists/complaints.xlsx', t.coordinator!);
    const cell = sheet.find((r) => r.getCell(1).value === complaintIds[1])!.getCell(8);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(FORMULA);
    const res = await get(`/exports/lists/complaints.csv${q({ status: ['OPEN'] })}`, t.coordinator!);
    expect(res.status).toBe(400);
  });

  it('the desk’s extension queue is a filter of the action list: exported as the list holds it', async () => {
    const fb = await recordFeedback(hub, t.agent!, {
      categoryId: ids.category.CREDIT_CARD!,
      branchId: ids.branch.SH!,
      text: '分期手续费争议',
    });
    const p = await problemInConsultation(hub, t, ids, [fb]);
    const due = new Date(NOW + 10 * 86_400_000);
    const concluded = await conclude(hub, t.coordinator!, p, [{ branchId: ids.branch.SH!, title: '延期队列中的整改' }], due);
    const target = concluded.actions[0]!;
    const later = new Date(due.getTime() + 10 * 86_400_000).toISOString();
    ok(
      await hub.gql(t['bm.sh']!, `mutation($i: RequestExtensionInput!) { requestExtension(input: $i) { id } }`, {
        i: { actionId: target.id, dueAt: later, reason: '客户多' },
      }),
    );
    const queue = await listed(t.coordinator!, 'actions', 'ActionFilter', { extensionPending: true }, 'id title extension { decision }');
    expect(queue.map((a) => a.id)).toContain(target.id);
    expect(queue.every((a) => (a.extension as { decision: string }).decision === 'PENDING')).toBe(true);
    const notPending = await listed(t.coordinator!, 'actions', 'ActionFilter', { extensionPending: false }, 'id');
    expect(notPending.map((a) => a.id)).not.toContain(target.id);
    const rows = (await csvRows(`/exports/lists/actions.csv${q({ extensionPending: true })}`, t.coordinator!)).slice(1);
    expect(rows.map((r) => r[1])).toEqual(queue.map((a) => a.title));
  });

  it('every export is audited: who, which list and format, the filter as given, how many rows; refusals with their reason', async () => {
    const before = await lastAuditSeq();
    const filter = { status: ['REGISTERED'], branchId: ids.branch.SH };
    const expected = (await csvRows(`/exports/lists/complaints.csv${q(filter)}`, t['bm.sh']!)).length - 1;
    await xlsxRows('/exports/lists/inbox.xlsx', t.coordinator!);
    const inboxRows = (await listed(t.coordinator!, 'feedback', 'FeedbackFilter', {}, 'id')).length;
    expect((await get(`/exports/lists/complaints.csv?filter=${encodeURIComponent('{"status":["NOPE"]}')}`, t.coordinator!)).status).toBe(
      400,
    );
    expect((await get('/exports/lists/problems.xlsx', null)).status).toBe(401);
    const rows = await exportAudit(before);
    expect(rows.map((r) => [r.actor_id, r.outcome, r.facts.list, r.facts.format])).toEqual([
      [ids.user['bm.sh'], 'OK', 'complaints', 'csv'],
      [ids.user.coordinator, 'OK', 'inbox', 'xlsx'],
      [ids.user.coordinator, 'REFUSED', undefined, undefined],
      [null, 'REFUSED', undefined, undefined],
    ]);
    expect(rows[0]!.facts).toMatchObject({ filter: JSON.stringify(filter), rows: expected, complete: true });
    expect(rows[1]!.facts, JSON.stringify(rows[1])).toMatchObject({ filter: null, rows: inboxRows, complete: true });
    // A refusal keeps its code and, inside, the request and the reason.
    const refusal = rows[2]!.facts as { code: string; input: string };
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(JSON.parse(refusal.input)).toMatchObject({ list: 'complaints', format: 'csv', filter: '{"status":["NOPE"]}' });
    expect(JSON.parse(refusal.input).reason).toMatch(/filter/);
    expect(rows[3]!.facts).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
