import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { complaintCases } from '../../../server/src/complaint/complaint.table.js';
import { bankTime, viewerOf, refs, type Hubish } from '../deadline/loop.factory.js';

/**
 * The branch league table counts complaint cases (issue 17) against the branch complained about,
 * with its subtree: received in the period, and past their running limit now. Cases registered on
 * constructed dates with the test clock; the table's figures equal a recount from the raw rows.
 */
describe('complaints in the branch league table', () => {
  let hub: TestHub;
  let h: Hubish;
  let r: Awaited<ReturnType<typeof refs>>;
  const clock = new TestClock(bankTime('2026-02-20 09:00'));
  const FROM = bankTime('2026-03-01 00:00');
  const TO = bankTime('2026-04-01 00:00');
  const CARD = ['A0101', 'B03', 'C01'] as const;
  const APP = ['A010303', 'B04', 'C02'] as const;
  const LOAN = ['A0101', 'B02', 'C03'] as const;

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
    r = await refs(h);
    const register = async (
      at: string,
      branch: string,
      [channelCode, businessCode, causeCode]: readonly [string, string, string] = CARD,
    ) => {
      clock.set(bankTime(at));
      await h.services.complaints.register(await viewerOf(h, 'agent'), {
        branchId: r.branch[branch]!,
        channelCode,
        businessCode,
        causeCode,
        request: `客户投诉 ${at}`,
      });
    };
    // Before the period (overdue by the end of March), in it early (overdue), in it late (not yet due);
    // under three codes, so that the counts by code differ from branch to branch.
    await register('2026-02-20 09:00', 'SH-PD', APP);
    await register('2026-03-02 09:00', 'SH-PD');
    await register('2026-03-03 09:00', 'SH', APP);
    await register('2026-03-25 09:00', 'SH-PD', LOAN);
    await register('2026-03-26 09:00', 'BJ');
    await register('2026-03-27 09:00', 'SH', APP);
    clock.set(bankTime('2026-03-31 12:00'));
  });
  afterAll(() => hub.stop());

  it('received in the period and overdue now, per branch with its subtree, as the raw rows say', async () => {
    const d = await h.services.reports.dashboard(await viewerOf(h, 'coordinator'), { from: new Date(FROM), to: new Date(TO) });
    const byBranch = new Map(d.league.map((l) => [l.branchId, l]));
    const sh = byBranch.get(r.branch.SH!)!;
    const bj = byBranch.get(r.branch.BJ!)!;
    expect([sh.complaintsReceived, sh.complaintsOverdueNow]).toEqual([4, 3]);
    expect([bj.complaintsReceived, bj.complaintsOverdueNow]).toEqual([1, 0]);

    // A recount from the raw rows, for every row of the table.
    const raw = await h.store.read.select().from(complaintCases);
    const now = clock.now().getTime();
    expect(d.league.length).toBeGreaterThan(1);
    for (const l of d.league) {
      const members = h.services.deps.org.subtree(l.branchId);
      const mine = raw.filter((c) => members.has(c.branchId));
      const received = mine.filter((c) => c.receivedAt.getTime() >= FROM && c.receivedAt.getTime() < TO).length;
      const overdue = mine.filter((c) => c.runningDueAt !== null && c.runningDueAt.getTime() < now).length;
      expect([l.branchId, l.complaintsReceived, l.complaintsOverdueNow]).toEqual([l.branchId, received, overdue]);
    }
  });

  /** The raw rows' cases received in March against a branch's subtree, counted by code, in code order. */
  async function recountByCode(branchId: string) {
    const members = h.services.deps.org.subtree(branchId);
    const raw = (await h.store.read.select().from(complaintCases)).filter(
      (c) => members.has(c.branchId) && c.receivedAt.getTime() >= FROM && c.receivedAt.getTime() < TO,
    );
    const counts = new Map<string, number>();
    for (const c of raw) {
      const key = [c.channelCode, c.businessCode, c.causeCode].join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => `${key} ${count}`);
  }

  it('the received ones by JR/T 0169 code, on the API and in the monthly workbook, as the raw rows say', async () => {
    const token = (await hub.login('coordinator')) as string;
    const res = await hub.gql(
      token,
      `{ vocReport(month: "2026-03") { league { branch { id name } complaintsReceived
        complaintsByCode { channelCode channelName businessCode businessName causeCode causeName count } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const league = (res.data as any).vocReport.league as any[];
    const sh = league.find((l) => l.branch.id === r.branch.SH)!;
    // SH with SH-PD: CARD 1 (SH-PD, 2 Mar), LOAN 1 (SH-PD, 25 Mar), APP 2 (SH, 3 and 27 Mar); February's APP is outside.
    expect(sh.complaintsByCode.map((c: any) => `${c.channelCode} ${c.businessCode} ${c.causeCode} ${c.count}`)).toEqual([
      'A0101 B02 C03 1',
      'A0101 B03 C01 1',
      'A010303 B04 C02 2',
    ]);
    expect(sh.complaintsByCode[0]).toMatchObject({ channelName: '营业现场', businessName: '贷款', causeName: '管理制度、业务规则与流程' });
    let withCodes = 0;
    for (const l of league) {
      const got = l.complaintsByCode.map((c: any) => `${c.channelCode} ${c.businessCode} ${c.causeCode} ${c.count}`);
      expect([l.branch.id, got]).toEqual([l.branch.id, await recountByCode(l.branch.id)]);
      expect(l.complaintsByCode.reduce((n: number, c: any) => n + c.count, 0)).toBe(l.complaintsReceived);
      if (got.length) withCodes++;
    }
    expect(withCodes).toBeGreaterThanOrEqual(2);

    // The workbook's league sheet has the same counts in its last column.
    const base = hub.url.replace(/\/graphql$/, '');
    const file = await fetch(`${base}/exports/voc/2026-03.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('分行联动排行')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('投诉分类（A×B×C：件数）') + 1;
    expect(col).toBeGreaterThan(0);
    const byName = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n > 1) byName.set(String(row.getCell(2).value), String(row.getCell(col).value ?? ''));
    });
    for (const l of league)
      expect([l.branch.name, byName.get(l.branch.name)]).toEqual([
        l.branch.name,
        (await recountByCode(l.branch.id)).map((k) => k.replace(/^(\S+) (\S+) (\S+) (\d+)$/, '$1×$2×$3：$4')).join('；'),
      ]);
  });
});
