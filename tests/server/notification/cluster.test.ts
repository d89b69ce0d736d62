import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { planClusters, type ClusterItem } from '../../../server/src/notification/cluster.rules.js';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { bankTime, DAY, HOUR, refs, viewerOf, notificationsOf, type Hubish } from '../deadline/loop.factory.js';

const H = HOUR;
const RULE = { minCustomers: 3, windowMs: 72 * H };
const NOW = 1_000 * H;
const item = (id: string, customerRef: string, at: number, clusterId: number | null = null): ClusterItem => ({
  id,
  customerRef,
  at,
  clusterId,
});

describe('the 3-in-3 rule (pure)', () => {
  const table: [string, ClusterItem[], string[][]][] = [
    ['2 customers', [item('a', 'C1', NOW - 2 * H), item('b', 'C2', NOW - H)], []],
    ['3 customers', [item('a', 'C1', NOW - 2 * H), item('b', 'C2', NOW - H), item('c', 'C3', NOW)], [['a', 'b', 'c']]],
    ['3 reports by one customer', [item('a', 'C1', NOW - 2 * H), item('b', 'C1', NOW - H), item('c', 'C1', NOW)], []],
    ['3 reports by 2 customers', [item('a', 'C1', NOW - 2 * H), item('b', 'C2', NOW - H), item('c', 'C1', NOW)], []],
    [
      'first and last exactly 72 h apart',
      [item('a', 'C1', NOW - 72 * H), item('b', 'C2', NOW - 36 * H), item('c', 'C3', NOW)],
      [['a', 'b', 'c']],
    ],
    ['first and last 72 h + 1 ms apart', [item('a', 'C1', NOW - 72 * H - 1), item('b', 'C2', NOW - 36 * H), item('c', 'C3', NOW)], []],
    ['all of it older than the window', [item('a', 'C1', NOW - 100 * H), item('b', 'C2', NOW - 90 * H), item('c', 'C3', NOW - 80 * H)], []],
    [
      'a burst and its continuation within the window: one alert with everything',
      [item('a', 'C1', NOW - 5 * H), item('b', 'C2', NOW - 4 * H), item('c', 'C3', NOW - 3 * H), item('d', 'C4', NOW)],
      [['a', 'b', 'c', 'd']],
    ],
  ];
  it.each(table)('%s', (_why, items, expected) => {
    const plan = planClusters(items, [], RULE, NOW);
    expect(plan.creates.map((c) => c.feedbackIds)).toEqual(expected);
    expect(plan.joins).toEqual([]);
  });

  it('reports that continue an alerted chain join it: the group alerts once', () => {
    const items = [
      item('a', 'C1', NOW - 5 * H, 7),
      item('b', 'C2', NOW - 4 * H, 7),
      item('c', 'C3', NOW - 3 * H, 7),
      item('d', 'C4', NOW),
      item('e', 'C5', NOW),
      item('f', 'C6', NOW),
    ];
    const plan = planClusters(items, [{ id: 7, firstAt: NOW - 5 * H, lastAt: NOW - 3 * H }], RULE, NOW);
    expect(plan.creates).toEqual([]);
    expect(plan.joins).toEqual([{ clusterId: 7, feedbackIds: ['d', 'e', 'f'], firstAt: NOW - 5 * H, lastAt: NOW }]);
  });

  it('a new burst after a quiet spell longer than the window is a new group', () => {
    const items = [item('a', 'C1', NOW - 200 * H, 7), item('d', 'C4', NOW - 2 * H), item('e', 'C5', NOW - H), item('f', 'C6', NOW)];
    const plan = planClusters(items, [{ id: 7, firstAt: NOW - 200 * H, lastAt: NOW - 200 * H }], RULE, NOW);
    expect(plan.joins).toEqual([]);
    expect(plan.creates.map((c) => [c.feedbackIds, c.customers])).toEqual([[['d', 'e', 'f'], 3]]);
  });

  it('the thresholds are configuration', () => {
    const items = [item('a', 'C1', NOW - 30 * H), item('b', 'C2', NOW)];
    expect(planClusters(items, [], { minCustomers: 2, windowMs: 72 * H }, NOW).creates).toHaveLength(1);
    expect(planClusters(items, [], { minCustomers: 2, windowMs: 24 * H }, NOW).creates).toHaveLength(0);
  });
});

describe('the 3-in-3 rule in the hub', () => {
  let hub: TestHub;
  let h: Hubish;
  const clock = new TestClock(bankTime('2026-03-02 09:00'));
  let categories: string[];
  let r: Awaited<ReturnType<typeof refs>>;

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
    // A month after the demo's history, so that its feedback is outside every window.
    clock.set(bankTime('2026-04-01 09:00'));
    r = await refs(h);
    categories = Object.values(r.category);
  });
  afterAll(() => hub.stop());

  let group = 0;
  /** A category × branch no other test uses. */
  const freshGroup = () => {
    const branches = ['SH', 'BJ', 'GZ', 'SH-PD'];
    const g = group++;
    return { categoryId: categories[g % categories.length]!, branchId: r.branch[branches[Math.floor(g / categories.length)]!]! };
  };
  const report = async (g: { categoryId: string; branchId: string }, customerRef: string, at: number) =>
    h.services.feedback.record(await viewerOf(h, 'agent'), {
      kind: 'PROBLEM',
      channel: 'VOICE',
      ...g,
      text: `客户 ${customerRef} 反映分期手续费不透明`,
      customerRef,
      receivedAt: new Date(at),
    });
  const alertsAbout = (feedbackId: string) =>
    hub.db.all<{ user_id: string; kind: string; cluster_id: number }>(
      'SELECT n.* FROM notifications n JOIN feedback_cluster_items i ON i.cluster_id = n.cluster_id WHERE i.feedback_id = ?',
      feedbackId,
    );
  const analysts = async () =>
    (await hub.db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'ANALYST' AND active = 1"))!.n;

  it('2 customers: no alert', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    await report(g, 'C-201', now - 10 * H);
    const b = await report(g, 'C-202', now);
    expect(await alertsAbout(b.id)).toEqual([]);
  });

  it('3 customers: one alert to every analyst, linking the feedback, once per group', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const a = await report(g, 'C-301', now - 10 * H);
    const b = await report(g, 'C-302', now - 5 * H);
    const c = await report(g, 'C-303', now);
    const alerts = await alertsAbout(c.id);
    expect(alerts).toHaveLength(await analysts());
    expect(new Set(alerts.map((n) => n.kind))).toEqual(new Set(['FEEDBACK_CLUSTER']));
    expect((await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).filter((n) => n.cluster_id === alerts[0]!.cluster_id)).toHaveLength(1);
    const linked = (await h.services.notifications.clusterFeedback(await viewerOf(h, 'analyst'), alerts[0]!.cluster_id)).map((f) => f.id);
    expect(linked).toEqual([a.id, b.id, c.id]);
    expect(
      (await notificationsOf(h, 'coordinator', 'FEEDBACK_CLUSTER')).filter((n) => n.cluster_id === alerts[0]!.cluster_id),
    ).toHaveLength(0);

    // A fourth customer the next day joins the alert: nobody is alerted again.
    clock.advance(DAY);
    const d = await report(g, 'C-304', clock.now().getTime());
    expect(await alertsAbout(d.id)).toHaveLength(await analysts());
    expect((await h.services.notifications.clusterFeedback(await viewerOf(h, 'analyst'), alerts[0]!.cluster_id)).map((f) => f.id)).toEqual([
      a.id,
      b.id,
      c.id,
      d.id,
    ]);
    expect(await hub.db.get('SELECT count(*) AS n FROM feedback_clusters WHERE id = ?', alerts[0]!.cluster_id)).toEqual({ n: 1 });
    expect(
      (await hub.db.get<{ customers: number }>('SELECT customers FROM feedback_clusters WHERE id = ?', alerts[0]!.cluster_id))!.customers,
    ).toBe(4);
  });

  it('3 reports by one customer: no alert', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    await report(g, 'C-401', now - 2 * H);
    await report(g, 'C-401', now - H);
    const c = await report(g, 'C-401', now);
    expect(await alertsAbout(c.id)).toEqual([]);
  });

  it('the 72-hour boundary: exactly 72 hours between the first and the last report alerts, a millisecond more does not', async () => {
    const now = clock.now().getTime();
    const inside = freshGroup();
    await report(inside, 'C-501', now - 72 * H);
    await report(inside, 'C-502', now - 36 * H);
    const last = await report(inside, 'C-503', now);
    expect(await alertsAbout(last.id)).toHaveLength(await analysts());

    const outside = freshGroup();
    await report(outside, 'C-601', now - 72 * H - 1);
    await report(outside, 'C-602', now - 36 * H);
    const late = await report(outside, 'C-603', now);
    expect(await alertsAbout(late.id)).toEqual([]);
  });

  it('feedback attached to a problem does not count, nor does another branch or category', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const a = await report(g, 'C-701', now - 3 * H);
    await h.services.problems.open(await viewerOf(h, 'analyst'), {
      title: '已归集',
      categoryId: g.categoryId,
      severity: 'LOW',
      feedbackIds: [a.id],
    });
    await report(g, 'C-702', now - 2 * H);
    await report({ ...g, branchId: r.branch.HO! }, 'C-703', now - H);
    const c = await report(g, 'C-704', now);
    expect(await alertsAbout(c.id)).toEqual([]);
  });

  it('is configuration: CLUSTER_MIN_CUSTOMERS=2 alerts on two customers', async () => {
    const other = await startHub({
      clock: new TestClock(bankTime('2026-03-02 09:00')),
      demo: { feedback: 0, contacts: 0 },
      env: { CLUSTER_MIN_CUSTOMERS: '2' },
    });
    try {
      const o: Hubish = { services: other.app.services, store: other.store };
      other.clock.set(bankTime('2026-04-01 09:00'));
      const ro = await refs(o);
      const g = { categoryId: ro.category.LOAN!, branchId: ro.branch.GZ! };
      const now = other.clock.now().getTime();
      for (const [ref, at] of [
        ['C-801', now - H],
        ['C-802', now],
      ] as const)
        await o.services.feedback.record(await viewerOf(o, 'agent'), {
          kind: 'PROBLEM',
          channel: 'VOICE',
          ...g,
          text: '贷款审批慢',
          customerRef: ref,
          receivedAt: new Date(at),
        });
      expect(await notificationsOf(o, 'analyst', 'FEEDBACK_CLUSTER')).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });
});
