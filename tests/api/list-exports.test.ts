import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startHub, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, recordFeedback, openProblem, type DemoIds } from '../utils/fixtures.js';

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
async function listed(token: string, field: 'feedback' | 'problems' | 'actions', type: string, filter: object, select: string) {
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
