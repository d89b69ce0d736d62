import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { rows } from '../../../server/src/core/sql.js';
import { sql } from 'drizzle-orm';
import { bankTime, DAY, viewerOf, refs, type Hubish } from '../deadline/loop.factory.js';
import type { ComplaintRow } from '../../../server/src/complaint/complaint.repository.js';

/**
 * Complaint deadlines act (issue 17) through the deadline scan, on constructed dates with the
 * injectable clock: due soon (3 days before the due day), overdue, escalated to head office (1 day
 * after), each exactly once per due date however often the scan runs; an extension's new due date
 * re-arms them; 核实's limit acts the same way and is owed by the next-higher institution.
 */

describe('complaint deadlines', () => {
  let hub: TestHub;
  let h: Hubish;
  let r: Awaited<ReturnType<typeof refs>>;
  // Monday 2 March 2026: 15 days later is Tuesday 17 March, a working day.
  const clock = new TestClock(bankTime('2026-03-02 09:00'));

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
    r = await refs(h);
  });
  afterAll(() => hub.stop());

  const scan = () => h.services.deadlines.scanDeadlines();
  const as = (u: string) => viewerOf(h, u);

  async function events(caseId: string) {
    return rows<{ type: string; from_status: string; note: string; branch_id: string; actor_id: string | null }>(
      h.store.read,
      sql`SELECT type, from_status, note, branch_id, actor_id FROM hub_events
        WHERE complaint_id = ${caseId} AND type IN ('COMPLAINT_DUE_SOON', 'COMPLAINT_OVERDUE', 'COMPLAINT_ESCALATED') ORDER BY seq`,
    );
  }
  /** Each user's notifications about the case, as `username:KIND`, sorted. */
  async function told(caseId: string): Promise<string[]> {
    const found = await rows<{ username: string; kind: string; summary: string }>(
      h.store.read,
      sql`SELECT u.username, n.kind, n.summary FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.kind IN ('COMPLAINT_DUE_SOON', 'COMPLAINT_OVERDUE', 'COMPLAINT_ESCALATED')`,
    );
    return found
      .filter((n) => n.summary.includes(caseId))
      .map((n) => `${n.username}:${n.kind}`)
      .sort();
  }
  const markCount = async () =>
    Number((await rows<{ n: number }>(h.store.read, sql`SELECT count(*) AS n FROM deadline_marks WHERE kind LIKE 'COMPLAINT_%'`))[0]!.n);

  async function handledCase(): Promise<ComplaintRow> {
    const c = await h.services.complaints.register(await as('agent'), {
      branchId: r.branch['SH-PD']!,
      channelCode: 'A0101',
      businessCode: 'B03',
      causeCode: 'C01',
      request: '客户要求退还年费',
    });
    return h.services.complaints.assign(await as('bm.sh-pd'), { caseId: c.id, expectedVersion: c.version, handlerId: r.user['bm.sh-pd']! });
  }

  it('due soon, overdue, escalated: each once, at its instant, to the handling side and then head office', async () => {
    clock.set(bankTime('2026-03-02 09:00'));
    const c = await handledCase();
    expect(c.dueAt.getTime()).toBe(bankTime('2026-03-18 00:00') - 1);
    expect(c.runningDueAt?.getTime()).toBe(c.dueAt.getTime());

    // Four days before the due day: not yet "due soon".
    clock.set(bankTime('2026-03-13 23:59'));
    await scan();
    expect(await events(c.id)).toEqual([]);

    // Three days before: due soon, once, however often the scan runs.
    clock.set(bankTime('2026-03-14 00:00'));
    const first = await scan();
    expect(first.byType.COMPLAINT_DUE_SOON).toBe(1);
    expect((await scan()).byType).toEqual({});
    await scan();
    expect(await events(c.id)).toEqual([
      expect.objectContaining({ type: 'COMPLAINT_DUE_SOON', from_status: 'HANDLING', branch_id: r.branch['SH-PD'], actor_id: null }),
    ]);
    expect((await events(c.id))[0]!.note).toContain('2026-03-17');
    expect((await events(c.id))[0]!.note).toContain('剩 3 天');
    // The handler and the managers over SH-PD (bm.sh-pd is both; bm.sh over SH); not Beijing, not head office yet.
    expect(await told(c.id)).toEqual(['bm.sh-pd:COMPLAINT_DUE_SOON', 'bm.sh:COMPLAINT_DUE_SOON']);

    // The last instant of the due day is still on time.
    clock.set(c.dueAt.getTime());
    await scan();
    expect((await events(c.id)).map((e) => e.type)).toEqual(['COMPLAINT_DUE_SOON']);

    clock.set(c.dueAt.getTime() + 1);
    expect((await scan()).byType).toEqual({ COMPLAINT_OVERDUE: 1 });
    expect((await scan()).byType).toEqual({});
    expect((await events(c.id)).map((e) => e.type)).toEqual(['COMPLAINT_DUE_SOON', 'COMPLAINT_OVERDUE']);

    // Head office hears one day after the due date: coordinators and the head-office admin.
    clock.set(c.dueAt.getTime() + DAY);
    await scan();
    expect((await events(c.id)).map((e) => e.type)).toEqual(['COMPLAINT_DUE_SOON', 'COMPLAINT_OVERDUE']);
    clock.set(c.dueAt.getTime() + DAY + 1);
    const [a, b] = await Promise.all([scan(), scan()]);
    expect((a.byType.COMPLAINT_ESCALATED ?? 0) + (b.byType.COMPLAINT_ESCALATED ?? 0)).toBe(1);
    await scan();
    expect((await events(c.id)).map((e) => e.type)).toEqual(['COMPLAINT_DUE_SOON', 'COMPLAINT_OVERDUE', 'COMPLAINT_ESCALATED']);
    expect(await told(c.id)).toEqual([
      'admin:COMPLAINT_ESCALATED',
      'bm.sh-pd:COMPLAINT_DUE_SOON',
      'bm.sh-pd:COMPLAINT_OVERDUE',
      'bm.sh:COMPLAINT_DUE_SOON',
      'bm.sh:COMPLAINT_OVERDUE',
      'coordinator.lin:COMPLAINT_ESCALATED',
      'coordinator:COMPLAINT_ESCALATED',
    ]);

    // Weeks later nothing more is said about this limit.
    clock.set(c.dueAt.getTime() + 20 * DAY);
    await scan();
    expect(await events(c.id)).toHaveLength(3);

    // The overdue case is first in head office's supervision list, and only overdue cases are in it.
    const list = await h.services.complaints.list(await as('coordinator'), { overdueOnly: true }, 50, null, 'DAYS_LEFT');
    expect(list.nodes.map((n) => n.id)).toContain(c.id);
    expect(list.nodes.every((n) => n.runningDueAt !== null && n.runningDueAt.getTime() < clock.now().getTime())).toBe(true);
  });

  it('an extension is a new due date: it re-arms due soon, overdue and escalation', async () => {
    clock.set(bankTime('2026-04-01 09:00'));
    let c = await handledCase();
    const due15 = c.dueAt.getTime();
    clock.set(due15 - 2 * DAY);
    await scan();
    expect((await events(c.id)).map((e) => e.type)).toEqual(['COMPLAINT_DUE_SOON']);
    c = await h.services.complaints.extend(await as('bm.sh-pd'), {
      caseId: c.id,
      expectedVersion: c.version,
      reason: '需调取监控',
      customerToldAt: clock.now(),
    });
    expect(c.dueAt.getTime()).toBeGreaterThan(due15);
    // The old due date passes without a word: the limit running now is the extended one.
    clock.set(due15 + 2 * DAY);
    await scan();
    expect((await events(c.id)).map((e) => e.type)).toEqual(['COMPLAINT_DUE_SOON']);
    clock.set(c.dueAt.getTime() - DAY);
    await scan();
    clock.set(c.dueAt.getTime() + 2 * DAY);
    await scan();
    await scan();
    expect((await events(c.id)).map((e) => e.type)).toEqual([
      'COMPLAINT_DUE_SOON',
      'COMPLAINT_DUE_SOON',
      'COMPLAINT_OVERDUE',
      'COMPLAINT_ESCALATED',
    ]);
  });

  it('a decided case owes nothing; 核实 runs its own limit, owed by the next-higher institution', async () => {
    clock.set(bankTime('2026-06-01 09:00'));
    let c = await handledCase();
    c = await h.services.complaints.decide(await as('bm.sh-pd'), {
      caseId: c.id,
      expectedVersion: c.version,
      findings: '核实属实',
      basis: '收费标准',
      remedies: ['REVIEW'],
    });
    expect(c.runningDueAt).toBeNull();
    clock.set(c.dueAt.getTime() + 3 * DAY);
    await scan();
    expect(await events(c.id)).toEqual([]);

    clock.set(bankTime('2026-06-10 09:00'));
    c = await h.services.complaints.requestReview(await as('agent'), { caseId: c.id, expectedVersion: c.version, reason: '不服' });
    expect(c.runningDueAt?.getTime()).toBe(c.reviewDueAt!.getTime());
    const marks = await markCount();
    clock.set(c.reviewDueAt!.getTime() + 1);
    await scan();
    await scan();
    const found = await events(c.id);
    expect(found.map((e) => [e.type, e.from_status])).toEqual([['COMPLAINT_OVERDUE', 'REVIEW_REQUESTED']]);
    expect(found[0]!.note).toContain('核实');
    expect(await markCount()).toBe(marks + 1);
    // 核实 is owed by SH (SH-PD's parent): its manager hears, SH-PD's does not.
    expect(await told(c.id)).toEqual(['bm.sh:COMPLAINT_OVERDUE']);

    c = await h.services.complaints.completeReview(await as('bm.sh'), {
      caseId: c.id,
      expectedVersion: c.version,
      outcome: '维持原决定',
      upheld: true,
    });
    expect(c).toMatchObject({ status: 'REVIEWED', reviewUpheld: true, runningDueAt: null });
    clock.set(c.reviewDueAt!.getTime() + 5 * DAY);
    await scan();
    expect(await events(c.id)).toHaveLength(1);
  });

  it('the case list sorts by days left on the running limit, overdue first, no running limit last; a branch manager sees only their subtree', async () => {
    clock.set(bankTime('2026-08-03 09:00'));
    const older = await handledCase();
    clock.set(bankTime('2026-08-10 09:00'));
    const newer = await h.services.complaints.register(await as('agent'), {
      branchId: r.branch.BJ!,
      channelCode: 'A0101',
      businessCode: 'B03',
      causeCode: 'C01',
      request: '北京客户投诉',
    });
    clock.set(older.dueAt.getTime() + 1);
    const all: ComplaintRow[] = [];
    let after: string | null = null;
    // Small pages: the keyset cursor carries the order across pages.
    for (;;) {
      const page = await h.services.complaints.list(await as('coordinator'), null, 3, after, 'DAYS_LEFT');
      all.push(...page.nodes);
      if (!page.hasNextPage) break;
      after = page.cursorOf(page.nodes[page.nodes.length - 1]!);
    }
    const keys = all.map((c) => c.runningDueAt?.getTime() ?? Infinity);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(all.findIndex((c) => c.id === older.id)).toBeLessThan(all.findIndex((c) => c.id === newer.id));
    // Cases with no running limit (decided, reviewed) come after every running one.
    const firstIdle = all.findIndex((c) => c.runningDueAt === null);
    expect(firstIdle).toBeGreaterThan(0);
    expect(all.slice(firstIdle).every((c) => c.runningDueAt === null)).toBe(true);

    const bj = await h.services.complaints.list(await as('bm.bj'), null, 50, null, 'DAYS_LEFT');
    expect(bj.nodes.map((c) => c.id)).toEqual([newer.id]);
    const bjOverdue = await h.services.complaints.list(await as('bm.bj'), { overdueOnly: true }, 50, null, 'DAYS_LEFT');
    expect(bjOverdue.nodes).toEqual([]);
  });
});
