import { describe, it, expect, beforeAll, afterAll } from 'vitest';
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

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
    r = await refs(h);
    const register = async (at: string, branch: string) => {
      clock.set(bankTime(at));
      await h.services.complaints.register(await viewerOf(h, 'agent'), {
        branchId: r.branch[branch]!,
        channelCode: 'A0101',
        businessCode: 'B03',
        causeCode: 'C01',
        request: `客户投诉 ${at}`,
      });
    };
    // Before the period (overdue by the end of March), in it early (overdue), in it late (not yet due).
    await register('2026-02-20 09:00', 'SH-PD');
    await register('2026-03-02 09:00', 'SH-PD');
    await register('2026-03-03 09:00', 'SH');
    await register('2026-03-25 09:00', 'SH-PD');
    await register('2026-03-26 09:00', 'BJ');
    clock.set(bankTime('2026-03-31 12:00'));
  });
  afterAll(() => hub.stop());

  it('received in the period and overdue now, per branch with its subtree, as the raw rows say', async () => {
    const d = await h.services.reports.dashboard(await viewerOf(h, 'coordinator'), { from: new Date(FROM), to: new Date(TO) });
    const byBranch = new Map(d.league.map((l) => [l.branchId, l]));
    const sh = byBranch.get(r.branch.SH!)!;
    const bj = byBranch.get(r.branch.BJ!)!;
    expect([sh.complaintsReceived, sh.complaintsOverdueNow]).toEqual([3, 3]);
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
});
