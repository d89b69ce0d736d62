import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, collect, codeOf, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, type DemoIds } from '../utils/fixtures.js';

/**
 * A branch manager asking for another branch's report (issue 24 item 10): every way of asking —
 * vocReport, dashboard, the CSV/XLSX exports, the printable page, hubEvents — answers NOT_FOUND
 * (404 on REST), as an out-of-scope id does everywhere in the contract, instead of a report titled
 * for that branch holding zeros (or, for the head office, the manager's own figures).
 */
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const OCT = '2026-10';

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
let base: string;

const REPORT = `query($branchId: ID) { vocReport(month: "${OCT}", branchId: $branchId) { total branch { code } } }`;
const DASHBOARD = `query($branchId: ID) { dashboard(branchId: $branchId) { openActions feedbackByKind { kind count } } }`;
const EVENTS = `subscription($branchId: ID) { hubEvents(branchId: $branchId) { cursor type } }`;
const get = (path: string, token: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  hub = await startHub({ clock: new TestClock(NOW), demo: { feedback: 600, contacts: 300 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
  base = hub.url.replace(/\/graphql$/, '');
});
afterAll(async () => hub.stop());

describe('a branch manager asking for a branch outside their subtree', () => {
  const outside = () => [ids.branch.BJ!, ids.branch.GZ!, ids.branch.HO!];

  it('vocReport and dashboard answer NOT_FOUND', async () => {
    for (const branchId of outside()) {
      expect(codeOf(await hub.gql(t['bm.sh']!, REPORT, { branchId })), branchId).toBe('NOT_FOUND');
      expect(codeOf(await hub.gql(t['bm.sh']!, DASHBOARD, { branchId })), branchId).toBe('NOT_FOUND');
    }
  });

  it('the CSV and XLSX exports and the printable page answer 404 NOT_FOUND', async () => {
    for (const branchId of outside())
      for (const path of [`/exports/voc/${OCT}.csv`, `/exports/voc/${OCT}.xlsx`, `/reports/voc/${OCT}/print`]) {
        const res = await get(`${path}?branchId=${encodeURIComponent(branchId)}`, t['bm.sh']!);
        expect(res.status, `${path} ${branchId}`).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      }
  });

  it('hubEvents answers NOT_FOUND over the WebSocket instead of a silent stream', async () => {
    for (const branchId of outside()) {
      const sub = collect(hub.ws(t['bm.sh']!), EVENTS, { branchId });
      await sub.until(() => sub.errors.length > 0 || sub.completed);
      sub.dispose();
      const errors = sub.errors.flat() as { extensions?: Record<string, unknown> }[];
      expect(errors[0]?.extensions?.code, branchId).toBe('NOT_FOUND');
      expect(sub.items).toEqual([]);
    }
  });

  it('is told the same whether the branch exists or not', async () => {
    const missing = ids.category.LOAN!;
    expect(codeOf(await hub.gql(t['bm.sh']!, REPORT, { branchId: missing }))).toBe('NOT_FOUND');
    expect((await get(`/exports/voc/${OCT}.csv?branchId=${missing}`, t['bm.sh']!)).status).toBe(404);
  });
});

describe('within the subtree, and for readers of the whole bank', () => {
  it('a branch manager still narrows to a sub-branch: the report is that branch’s', async () => {
    const pd = ok(await hub.gql(t['bm.sh']!, REPORT, { branchId: ids.branch['SH-PD'] })).vocReport;
    expect(pd.branch.code).toBe('SH-PD');
    expect(pd).toEqual(ok(await hub.gql(t.coordinator!, REPORT, { branchId: ids.branch['SH-PD'] })).vocReport);
    const name = ok(await hub.gql(t.admin!, '{ branches { code name } }')).branches.find((b: { code: string }) => b.code === 'SH-PD').name;
    const page = await get(`/reports/voc/${OCT}/print?branchId=${ids.branch['SH-PD']}`, t['bm.sh']!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`每月客户之声（${name}）`);
    expect((await get(`/exports/voc/${OCT}.csv?branchId=${ids.branch['SH-PD']}`, t['bm.sh']!)).status).toBe(200);
  });

  it('a coordinator reads any branch; a branchId that is no branch stays BAD_USER_INPUT for them', async () => {
    expect(ok(await hub.gql(t.coordinator!, REPORT, { branchId: ids.branch.BJ })).vocReport.branch.code).toBe('BJ');
    expect((await get(`/exports/voc/${OCT}.csv?branchId=${ids.branch.BJ}`, t.coordinator!)).status).toBe(200);
    expect(codeOf(await hub.gql(t.coordinator!, REPORT, { branchId: ids.category.LOAN }))).toBe('BAD_USER_INPUT');
  });
});
