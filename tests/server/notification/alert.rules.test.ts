import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Readable } from 'node:stream';
import { planAlerts, planAlertsByTopic, type AlertItem } from '../../../server/src/notification/alert.rules.js';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { bankTime, DAY, HOUR, refs, viewerOf, notificationsOf, type Hubish } from '../deadline/loop.factory.js';
import { backgroundCsv } from '../insight/corpus.js';

const H = HOUR;
const RULE = { minCustomers: 3, windowMs: 72 * H };
const NOW = 1_000 * H;
const item = (id: string, customerRef: string, at: number, alertId: number | null = null): AlertItem => ({
  id,
  customerRef,
  at,
  alertId,
});

describe('the 3-in-3 rule (pure)', () => {
  const table: [string, AlertItem[], string[][]][] = [
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
    const plan = planAlerts(items, [], RULE, NOW);
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
    const plan = planAlerts(items, [{ id: 7, firstAt: NOW - 5 * H, lastAt: NOW - 3 * H }], RULE, NOW);
    expect(plan.creates).toEqual([]);
    expect(plan.joins).toEqual([{ alertId: 7, feedbackIds: ['d', 'e', 'f'], firstAt: NOW - 5 * H, lastAt: NOW }]);
  });

  it('a new burst after a quiet spell longer than the window is a new group', () => {
    const items = [item('a', 'C1', NOW - 200 * H, 7), item('d', 'C4', NOW - 2 * H), item('e', 'C5', NOW - H), item('f', 'C6', NOW)];
    const plan = planAlerts(items, [{ id: 7, firstAt: NOW - 200 * H, lastAt: NOW - 200 * H }], RULE, NOW);
    expect(plan.joins).toEqual([]);
    expect(plan.creates.map((c) => [c.feedbackIds, c.customers])).toEqual([[['d', 'e', 'f'], 3]]);
  });

  it('the thresholds are configuration', () => {
    const items = [item('a', 'C1', NOW - 30 * H), item('b', 'C2', NOW)];
    expect(planAlerts(items, [], { minCustomers: 2, windowMs: 72 * H }, NOW).creates).toHaveLength(1);
    expect(planAlerts(items, [], { minCustomers: 2, windowMs: 24 * H }, NOW).creates).toHaveLength(0);
  });
});

describe('the 3-in-3 rule per similarity group (pure)', () => {
  const plan = (items: AlertItem[], groupOf: number[], existing: { id: number; firstAt: number; lastAt: number }[] = []) =>
    planAlertsByTopic(items, groupOf, existing, RULE, NOW);

  it('three customers with three different complaints: no alert', () => {
    const items = [item('a', 'C1', NOW - 2 * H), item('b', 'C2', NOW - H), item('c', 'C3', NOW)];
    expect(plan(items, [0, 1, 2])).toEqual({ joins: [], creates: [] });
    // The same items as one complaint: the alert planAlerts alone would raise.
    expect(plan(items, [0, 0, 0]).creates.map((c) => c.feedbackIds)).toEqual([['a', 'b', 'c']]);
  });

  it('two complaints in the same hours: one alert each, each with its own reports, oldest first', () => {
    const items = [
      item('a1', 'C1', NOW - 6 * H),
      item('b1', 'C4', NOW - 5 * H),
      item('a2', 'C2', NOW - 4 * H),
      item('b2', 'C5', NOW - 3 * H),
      item('a3', 'C3', NOW - 2 * H),
      item('b3', 'C6', NOW - H),
    ];
    expect(plan(items, [7, 3, 7, 3, 7, 3]).creates).toEqual([
      { feedbackIds: ['a1', 'a2', 'a3'], customers: 3, firstAt: NOW - 6 * H, lastAt: NOW - 2 * H },
      { feedbackIds: ['b1', 'b2', 'b3'], customers: 3, firstAt: NOW - 5 * H, lastAt: NOW - H },
    ]);
  });

  it('an alert is continued only by reports of its members’ group; another complaint may alert on its own', () => {
    const items = [
      item('a', 'C1', NOW - 5 * H, 7),
      item('b', 'C2', NOW - 4 * H, 7),
      item('c', 'C3', NOW - 3 * H, 7),
      item('d', 'C4', NOW - 2 * H),
      item('x', 'C5', NOW - 2 * H),
      item('y', 'C6', NOW - H),
      item('z', 'C7', NOW),
    ];
    const result = plan(items, [0, 0, 0, 0, 1, 1, 2], [{ id: 7, firstAt: NOW - 5 * H, lastAt: NOW - 3 * H }]);
    expect(result.joins).toEqual([{ alertId: 7, feedbackIds: ['d'], firstAt: NOW - 5 * H, lastAt: NOW - 2 * H }]);
    expect(result.creates).toEqual([]);
    // Had x, y and z been one complaint, they would alert apart from the alert of a, b and c.
    expect(plan(items, [0, 0, 0, 0, 1, 1, 1], [{ id: 7, firstAt: NOW - 5 * H, lastAt: NOW - 3 * H }]).creates).toEqual([
      { feedbackIds: ['x', 'y', 'z'], customers: 3, firstAt: NOW - 2 * H, lastAt: NOW },
    ]);
  });

  it('an alert whose members fell into two groups is continued from both, in one join', () => {
    const items = [item('a', 'C1', NOW - 5 * H, 7), item('b', 'C2', NOW - 4 * H, 7), item('d', 'C4', NOW - H), item('e', 'C5', NOW)];
    expect(plan(items, [0, 1, 0, 1], [{ id: 7, firstAt: NOW - 5 * H, lastAt: NOW - 4 * H }]).joins).toEqual([
      { alertId: 7, feedbackIds: ['d', 'e'], firstAt: NOW - 5 * H, lastAt: NOW },
    ]);
  });

  it('a group of alerted reports only changes nothing', () => {
    const items = [item('a', 'C1', NOW - 2 * H, 7), item('b', 'C2', NOW - H, 7), item('c', 'C3', NOW, 7)];
    expect(plan(items, [0, 0, 0], [{ id: 7, firstAt: NOW - 2 * H, lastAt: NOW }])).toEqual({ joins: [], creates: [] });
  });
});

/**
 * One complaint each, in the words of different agents: the openers and closers of the background
 * corpus, which the hub weighs as little as they are common. On topics neither the demo nor the
 * corpus mentions, so that the groups are the reports made here.
 */
const COIN = [
  '客户来电反映：预约兑换的纪念币到了兑换日，网点说没有货。希望银行尽快解决。',
  '客户到网点投诉称预约的纪念币到兑换日网点却说没有货，白跑一趟。客户情绪较为激动，要求回电。',
  '客户致电表示，预约兑换纪念币，到了兑换日网点说纪念币没货，要求给个说法。',
  '客户在手机银行意见反馈中提交：纪念币预约成功，兑换日到网点却被告知没有货。请相关部门核实处理。',
  '客户表示预约的纪念币兑换日网点没有货，白跑了一趟。',
];
const BOX = [
  '客户来电反映：保管箱钥匙丢失后，网点要求换锁并收取高额换锁费用。希望银行尽快解决。',
  '客户表示保管箱钥匙丢了，网点换锁要收取高额费用。客户要求给予解释。',
  '客户致电表示，租用的保管箱钥匙遗失，网点收取的换锁费用过高。',
  '客户到网点投诉称保管箱钥匙丢失，换锁费用太贵。请相关部门核实处理。',
];
const WALLET = [
  '客户来电反映：数字人民币钱包绑定银行卡后无法充值。希望银行尽快解决。',
  '客户致电表示，数字人民币钱包充值一直失败，绑定的银行卡没问题。客户情绪较为激动，要求回电。',
  '客户在手机银行意见反馈中提交：数字人民币钱包无法充值，提示绑卡异常。',
];
/** Three complaints about three different things. */
const UNRELATED = [
  '客户来电反映：网点门口没有停车位，老人办业务很不方便。希望银行尽快解决。',
  '客户来电反映：贵金属回购价格不透明，与宣传不一致。希望银行尽快解决。',
  '客户来电反映：社保卡激活时提示证件信息不符。希望银行尽快解决。',
];

/** Feedback as agents write it, three weeks back, indexed: the weights a running hub has. */
async function loadBackground(h: Hubish): Promise<void> {
  await h.services.imports.importFile(
    await viewerOf(h, 'analyst'),
    { kind: 'FEEDBACK', format: 'CSV', fileName: 'background.csv' },
    Readable.from([backgroundCsv('2026-03-10 10:00')]),
  );
  await h.services.insight.catchUp();
}

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
    await loadBackground(h);
  });
  afterAll(() => hub.stop());

  let group = 0;
  /** A category × branch no other test uses. */
  const freshGroup = () => {
    const branches = ['SH', 'BJ', 'GZ', 'SH-PD'];
    const g = group++;
    return { categoryId: categories[g % categories.length]!, branchId: r.branch[branches[Math.floor(g / categories.length)]!]! };
  };
  const report = async (g: { categoryId: string; branchId: string }, customerRef: string, at: number, text: string) =>
    h.services.feedback.record(await viewerOf(h, 'agent'), {
      kind: 'PROBLEM',
      channel: 'VOICE',
      ...g,
      text,
      customerRef,
      receivedAt: new Date(at),
    });
  const linkedTo = async (alertId: number) =>
    (await h.services.notifications.alertFeedback(await viewerOf(h, 'analyst'), alertId)).map((f) => f.id);
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
    await report(g, 'C-201', now - 10 * H, COIN[0]!);
    const b = await report(g, 'C-202', now, COIN[1]!);
    expect(await alertsAbout(b.id)).toEqual([]);
  });

  it('3 customers, one complaint in three agents’ words: one alert to every analyst, linking the feedback, once per group', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const a = await report(g, 'C-301', now - 10 * H, COIN[0]!);
    const b = await report(g, 'C-302', now - 5 * H, COIN[1]!);
    expect(await alertsAbout(b.id)).toEqual([]);
    const c = await report(g, 'C-303', now, COIN[2]!);
    const alerts = await alertsAbout(c.id);
    expect(alerts).toHaveLength(await analysts());
    expect(new Set(alerts.map((n) => n.kind))).toEqual(new Set(['FEEDBACK_CLUSTER']));
    const mine = (await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).filter((n) => n.cluster_id === alerts[0]!.cluster_id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.summary).toContain('3 位客户');
    expect(mine[0]!.summary).toContain('相似的问题');
    expect(await linkedTo(alerts[0]!.cluster_id)).toEqual([a.id, b.id, c.id]);
    expect(
      (await notificationsOf(h, 'coordinator', 'FEEDBACK_CLUSTER')).filter((n) => n.cluster_id === alerts[0]!.cluster_id),
    ).toHaveLength(0);

    // A fourth customer the next day, in yet other words, joins the alert: nobody is alerted again.
    clock.advance(DAY);
    const d = await report(g, 'C-304', clock.now().getTime(), COIN[3]!);
    expect(await alertsAbout(d.id)).toHaveLength(await analysts());
    expect(await linkedTo(alerts[0]!.cluster_id)).toEqual([a.id, b.id, c.id, d.id]);
    expect(await hub.db.get('SELECT count(*) AS n FROM feedback_clusters WHERE id = ?', alerts[0]!.cluster_id)).toEqual({ n: 1 });
    expect(
      (await hub.db.get<{ customers: number }>('SELECT customers FROM feedback_clusters WHERE id = ?', alerts[0]!.cluster_id))!.customers,
    ).toBe(4);
  });

  it('3 customers with three unrelated complaints of one category at one branch: no alert', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const before = (await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).length;
    await report(g, 'C-351', now - 2 * H, UNRELATED[0]!);
    await report(g, 'C-352', now - H, UNRELATED[1]!);
    const c = await report(g, 'C-353', now, UNRELATED[2]!);
    expect(await alertsAbout(c.id)).toEqual([]);
    expect(await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).toHaveLength(before);
    // A fourth customer repeating one of them makes two of that complaint: still nothing to alert.
    const d = await report(g, 'C-354', now, UNRELATED[0]!.replace('客户来电反映：', '客户表示'));
    expect(await alertsAbout(d.id)).toEqual([]);
    expect(await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).toHaveLength(before);
  });

  it('two complaints interleaved in the same hours: two alerts, each linking only its own feedback', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const box: string[] = [];
    const wallet: string[] = [];
    for (let k = 0; k < 3; k++) {
      box.push((await report(g, `C-36${k}`, now - (6 - 2 * k) * H, BOX[k]!)).id);
      wallet.push((await report(g, `C-37${k}`, now - (5 - 2 * k) * H, WALLET[k]!)).id);
    }
    const boxAlert = await alertsAbout(box[2]!);
    const walletAlert = await alertsAbout(wallet[2]!);
    expect(boxAlert).toHaveLength(await analysts());
    expect(walletAlert).toHaveLength(await analysts());
    expect(boxAlert[0]!.cluster_id).not.toBe(walletAlert[0]!.cluster_id);
    expect(await linkedTo(boxAlert[0]!.cluster_id)).toEqual(box);
    expect(await linkedTo(walletAlert[0]!.cluster_id)).toEqual(wallet);
    expect(
      (await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).filter((n) =>
        [boxAlert[0]!.cluster_id, walletAlert[0]!.cluster_id].includes(n.cluster_id!),
      ),
    ).toHaveLength(2);
  });

  it('a later report of the same complaint joins the alert silently; a later unrelated one does not', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const ids = [];
    for (let k = 0; k < 3; k++) ids.push((await report(g, `C-38${k}`, now - (3 - k) * H, BOX[k]!)).id);
    const [alert] = await alertsAbout(ids[2]!);
    expect(alert).toBeDefined();
    const alerted = (await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).length;

    const unrelated = await report(g, 'C-385', now, UNRELATED[1]!);
    const similar = await report(g, 'C-384', now, BOX[3]!);
    expect(await linkedTo(alert!.cluster_id)).toEqual([...ids, similar.id]);
    expect(await alertsAbout(unrelated.id)).toEqual([]);
    expect((await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).length).toBe(alerted);
    expect(
      (await hub.db.get<{ customers: number }>('SELECT customers FROM feedback_clusters WHERE id = ?', alert!.cluster_id))!.customers,
    ).toBe(4);
  });

  it('reports without a single word count together, as the rule counted every report before it read text', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const a = await report(g, 'C-391', now - 2 * H, '？？？');
    await report(g, 'C-392', now - H - 1, COIN[0]!);
    const b = await report(g, 'C-393', now - H, '……');
    const c = await report(g, 'C-394', now, '!!!');
    const alerts = await alertsAbout(c.id);
    expect(alerts).toHaveLength(await analysts());
    // The report with words is not among them.
    expect(await linkedTo(alerts[0]!.cluster_id)).toEqual([a.id, b.id, c.id]);
  });

  it('3 reports by one customer: no alert', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    await report(g, 'C-401', now - 2 * H, COIN[0]!);
    await report(g, 'C-401', now - H, COIN[1]!);
    const c = await report(g, 'C-401', now, COIN[2]!);
    expect(await alertsAbout(c.id)).toEqual([]);
  });

  it('the 72-hour boundary: exactly 72 hours between the first and the last report alerts, a millisecond more does not', async () => {
    const now = clock.now().getTime();
    const inside = freshGroup();
    await report(inside, 'C-501', now - 72 * H, WALLET[0]!);
    await report(inside, 'C-502', now - 36 * H, WALLET[1]!);
    const last = await report(inside, 'C-503', now, WALLET[2]!);
    expect(await alertsAbout(last.id)).toHaveLength(await analysts());

    const outside = freshGroup();
    await report(outside, 'C-601', now - 72 * H - 1, WALLET[0]!);
    await report(outside, 'C-602', now - 36 * H, WALLET[1]!);
    const late = await report(outside, 'C-603', now, WALLET[2]!);
    expect(await alertsAbout(late.id)).toEqual([]);
  });

  it('feedback attached to a problem does not count, nor does another branch or category', async () => {
    const g = freshGroup();
    const now = clock.now().getTime();
    const a = await report(g, 'C-701', now - 3 * H, COIN[0]!);
    await h.services.problems.open(await viewerOf(h, 'analyst'), {
      title: '已归集',
      categoryId: g.categoryId,
      severity: 'LOW',
      feedbackIds: [a.id],
    });
    await report(g, 'C-702', now - 2 * H, COIN[1]!);
    await report({ ...g, branchId: r.branch.HO! }, 'C-703', now - H, COIN[2]!);
    const c = await report(g, 'C-704', now, COIN[3]!);
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
      await loadBackground(o);
      const ro = await refs(o);
      const g = { categoryId: ro.category.LOAN!, branchId: ro.branch.GZ! };
      const now = other.clock.now().getTime();
      for (const [ref, at, text] of [
        ['C-801', now - H, COIN[0]!],
        ['C-802', now, COIN[1]!],
      ] as const)
        await o.services.feedback.record(await viewerOf(o, 'agent'), {
          kind: 'PROBLEM',
          channel: 'VOICE',
          ...g,
          text,
          customerRef: ref,
          receivedAt: new Date(at),
        });
      expect(await notificationsOf(o, 'analyst', 'FEEDBACK_CLUSTER')).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });
});
