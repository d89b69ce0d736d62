/**
 * An outage storm (issue #15): hundreds of customers reporting one failure at one branch in one
 * category. The 3-in-3 rule must cost a recorded report the same at the storm's 10th report as at
 * its 1,000th — the same SQL statements, no more rows read for its window, and no more texts
 * compared — and the alert's text must say how many reports it links, live for the analysts.
 * Counted, not timed (speed is `pnpm bench storm`).
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { Readable } from 'node:stream';
import { startHub, TestClock, collect, type TestHub } from '../../utils/hub.js';
import { bankTime, refs, viewerOf, notificationsOf, type Hubish } from '../deadline/loop.factory.js';
import { backgroundCsv } from '../insight/corpus.js';
import { stormText } from '../../utils/storm.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../../server/src/core/sql.js';
import { FREE_CANDIDATES, recordedReportWindowQuery } from '../../../server/src/notification/notification.repository.js';
import { ALERT_NEWS_MS } from '../../../server/src/notification/notification.service.js';

/**
 * How the database reads the rule's window for a report just recorded (recordedReportWindow): on
 * PostgreSQL the rows its scans of the window's reports read (EXPLAIN ANALYZE: rows kept and rows
 * removed by a filter, after an ANALYZE as autovacuum makes); on SQLite, which counts no rows, the
 * index it reads them through.
 */
async function windowRead(hub: TestHub, feedbackId: string, now: number): Promise<{ rows: number | null; index: string }> {
  const db = hub.store.read;
  const windowMs = hub.deps.env.CLUSTER_WINDOW_HOURS * 3_600_000;
  const query = recordedReportWindowQuery(db, feedbackId, windowMs, now, FREE_CANDIDATES);
  if (hub.store.dialect === 'sqlite') {
    const plan = await rows<{ detail: string }>(db, sql`EXPLAIN QUERY PLAN ${query}`);
    const scan = plan.map((p) => p.detail).find((d) => /^SEARCH f /.test(d) || /^SCAN f\b/.test(d)) ?? '';
    return { rows: null, index: /USING (?:COVERING )?INDEX (\S+)/.exec(scan)?.[1] ?? scan };
  }
  await hub.db.run('ANALYZE feedback');
  const [{ 'QUERY PLAN': plan }] = (await rows<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    db,
    sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`,
  )) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
  let read = 0;
  const indexes = new Set<string>();
  const visit = (node: PlanNode) => {
    if (node.Alias === 'f' && node['Relation Name'] === 'feedback') {
      read +=
        node['Actual Rows'] * node['Actual Loops'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
      // A bitmap heap scan names its index in the bitmap index scan under it.
      const named = (n: PlanNode): void => {
        if (n['Index Name']) indexes.add(n['Index Name']);
        else if (n['Node Type'] === 'Seq Scan') indexes.add('(sequential scan)');
        for (const c of n.Plans ?? []) named(c);
      };
      named(node);
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(plan[0].Plan);
  if (!indexes.size) throw new Error(`no scan of f in ${JSON.stringify(plan)}`);
  return { rows: read, index: [...indexes].join(',') };
}
interface PlanNode {
  'Node Type': string;
  Alias?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Texts compared per report at most: 200 free reports and the 32 first reports of 16 alerts (notification.repository). */
const COMPARED_AT_MOST = 200 + 16 * 32;
/**
 * SQL statements of a whole recorded report that joins the storm's alert (the feedback row, its
 * rollups, its event, and the rule's reads and writes) and of the write after its commit that
 * rewrites the alert's text and tells the analysts (which, in a burst, serves every report that
 * joined meanwhile; here, one report at a time, each has its own), at most. The rule reads the
 * report's window with the group's alerts in one statement, the representatives of an alert not
 * read before (or still growing: fewer than 32) in one more; on PostgreSQL its writes are one
 * statement (notification.repository linkInOneStatement), on SQLite four.
 */
const STATEMENTS_AT_MOST = { sqlite: 20, postgres: 16 };

describe('an outage storm', () => {
  let hub: TestHub;
  let h: Hubish;
  const clock = new TestClock(bankTime('2026-03-02 09:00'));
  let g: { categoryId: string; branchId: string };
  /** Per storm size: the statements and compared texts of the report that made it that size. */
  const cost = new Map<
    number,
    {
      statements: number;
      compared: number;
      joined: boolean;
      read: { rows: number | null; index: string };
      /** What insight's partition did for the report: placed it among kept topics, or partitioned every item. */
      work: { placed: number; built: number; whole: number };
    }
  >();
  /** insight's partition work over the storm's reports 101 to 1,000. */
  let lateWork = { placed: 0, built: 0, whole: 0 };
  let compared = 0;
  let clusterId = 0;
  let customerNo = 0;

  const report = async (text: string) =>
    h.services.feedback.record(await viewerOf(h, 'agent'), {
      kind: 'PROBLEM',
      channel: 'VOICE',
      ...g,
      text,
      customerRef: `C-${++customerNo}`,
    });
  /** Writes the alert's news now rather than when it is due, and settles every write queued so far. */
  const settle = async () => {
    await h.services.notifications.flushNews();
    await hub.store.transaction(async () => undefined);
  };
  const linked = async () =>
    (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM feedback_cluster_items WHERE cluster_id = ?', clusterId))!.n;

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
    // A month after the demo's history, so that its feedback is outside every window.
    clock.set(bankTime('2026-04-01 09:00'));
    const r = await refs(h);
    g = { categoryId: r.category.CARD ?? Object.values(r.category)[0]!, branchId: r.branch.SH! };
    // Feedback as agents write it, three weeks back and indexed: the weights a running hub has.
    await h.services.imports.importFile(
      await viewerOf(h, 'analyst'),
      { kind: 'FEEDBACK', format: 'CSV', fileName: 'background.csv' },
      Readable.from([backgroundCsv('2026-03-10 10:00')]),
    );
    await h.services.insight.catchUp();
    // The texts the rule compares: what it hands to the similarity grouping.
    const insight = h.services.insight;
    const partition = insight.partition.bind(insight);
    vi.spyOn(insight, 'partition').mockImplementation(async (items) => {
      compared += items.length;
      return partition(items);
    });

    const viewer = await viewerOf(h, 'agent');
    for (let i = 0; i < 1_000; i++) {
      clock.advance(1_000);
      const size = i + 1;
      const measured = size === 10 || size === 50 || size === 100 || size === 1_000;
      // The writes queued now (the previous report's news) done, so that only this report's count.
      await settle();
      const statements = hub.store.stats.statements;
      const work = { ...h.services.insight.partitionWork };
      if (size === 101) lateWork = work;
      compared = 0;
      const row = await h.services.feedback.record(viewer, {
        kind: 'PROBLEM',
        channel: 'VOICE',
        ...g,
        text: stormText(i),
        customerRef: `C-${++customerNo}`,
      });
      if (!measured) continue;
      // And this report's news, written after its commit.
      await settle();
      const item = await hub.db.get<{ cluster_id: number }>('SELECT cluster_id FROM feedback_cluster_items WHERE feedback_id = ?', row.id);
      const spent = hub.store.stats.statements - statements;
      const done = h.services.insight.partitionWork;
      const did = { placed: done.placed - work.placed, built: done.built - work.built, whole: done.whole - work.whole };
      if (size === 1_000)
        lateWork = { placed: done.placed - lateWork.placed, built: done.built - lateWork.built, whole: done.whole - lateWork.whole };
      cost.set(size, {
        statements: spent,
        compared,
        joined: !!item,
        read: await windowRead(hub, row.id, clock.now().getTime()),
        work: did,
      });
      if (item) clusterId = item.cluster_id;
    }
  }, 300_000);
  afterAll(() => hub?.stop());

  it('costs a recorded report the same SQL statements at 10, 100 and 1,000 reports, comparing a bounded number of texts', () => {
    const [at10, at100, at1000] = [cost.get(10)!, cost.get(100)!, cost.get(1_000)!];
    // Each measured report joined the storm's alert (the same work to do).
    expect([at10.joined, at100.joined, at1000.joined]).toEqual([true, true, true]);
    expect(at10.statements).toBeLessThanOrEqual(STATEMENTS_AT_MOST[hub.store.dialect]);
    // At the 10th report the alert is still taking representatives, which the write reads again.
    expect(at100.statements).toBeLessThanOrEqual(at10.statements);
    expect(at1000.statements).toBe(at100.statements);
    expect(at1000.compared).toBeLessThanOrEqual(COMPARED_AT_MOST);
    expect(at1000.compared).toBeLessThanOrEqual(at100.compared + 200);
  });

  it('places a storm’s report among its alert’s kept topics instead of partitioning every text again', () => {
    // The 1,000th report: placed, no whole partition.
    expect(cost.get(1_000)!.work).toMatchObject({ placed: 1, whole: 0 });
    // Reports 101 to 1,000: nearly every one placed; a state rebuilt every 16 placements (the
    // weights move with the corpus); whole partitions only where the items before the report changed.
    expect(lateWork.placed).toBeGreaterThanOrEqual(800);
    expect(lateWork.built).toBeLessThanOrEqual(Math.ceil(lateWork.placed / 16) + lateWork.whole + 1);
    expect(lateWork.whole).toBeLessThan(100);
  });

  it('reads nothing for a report that names no customer: it counts toward no alert', async () => {
    const viewer = await viewerOf(h, 'agent');
    const r = await refs(h);
    // Elsewhere than the storm, so that both reports find an empty window; the second at a site of its own.
    const [a, b] = Object.values(r.category).filter((c) => c !== g.categoryId);
    const statementsOf = async (input: { categoryId: string; customerRef?: string }) => {
      await settle();
      const before = hub.store.stats.statements;
      await h.services.feedback.record(viewer, {
        kind: 'PROBLEM',
        channel: 'VOICE',
        branchId: r.branch.GZ!,
        text: '网点空调坏了',
        ...input,
      });
      return hub.store.stats.statements - before;
    };
    const named = await statementsOf({ categoryId: a!, customerRef: `C-${++customerNo}` });
    const anonymous = await statementsOf({ categoryId: b! });
    // The same write but for the rule's read of the window, which finds nothing to do for either.
    expect(named - anonymous).toBe(1);
  });

  it('reads the same rows for the report’s window at the storm’s 50th report as at its 1,000th', () => {
    const [at50, at1000] = [cost.get(50)!, cost.get(1_000)!];
    // The storm's linked reports are in the window but not in feedback_unclustered_idx: reading
    // through any other index reads every one of them, a cost growing with the storm.
    expect(at50.read.index).toBe('feedback_unclustered_idx');
    expect(at1000.read.index).toBe('feedback_unclustered_idx');
    if (hub.store.dialect === 'postgres') {
      expect(at1000.read.rows).toBe(at50.read.rows);
      expect(at1000.read.rows).toBeLessThanOrEqual(FREE_CANDIDATES);
    }
  });

  it('raises one alert, which links the storm; its text counts the reports and customers it links', async () => {
    const n = await linked();
    expect(n).toBeGreaterThanOrEqual(900);
    const alerts = await hub.db.all<{ id: number }>(
      'SELECT id FROM feedback_clusters WHERE category_id = ? AND branch_id = ?',
      g.categoryId,
      g.branchId,
    );
    expect(alerts).toHaveLength(1);
    const customers = (await hub.db.get<{ n: number }>(
      'SELECT count(DISTINCT f.customer_ref) AS n FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id WHERE i.cluster_id = ?',
      clusterId,
    ))!.n;
    const mine = (await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).filter((x) => x.cluster_id === clusterId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.summary).toContain(`${customers} 位客户`);
    expect(mine[0]!.summary).toContain(`共 ${n} 条反馈`);
    expect(await hub.db.get('SELECT customers, reports FROM feedback_clusters WHERE id = ?', clusterId)).toEqual({ customers, reports: n });
  });

  it('rewrites the alert’s text and tells the analysts once for a burst of reports joining it, after their commits', async () => {
    const notifications = h.services.notifications;
    // What follows the commit is a declared after-commit reaction, not a subscription to the bus.
    expect(
      hub.deps.reactions.declared.filter((r) => r.when === 'after commit' && r.on !== 'every event' && r.on.includes('FEEDBACK_RECORDED')),
    ).toHaveLength(1);
    await settle();
    const grew = async () =>
      await hub.db.all<{ feedback_id: string; note: string }>(
        "SELECT feedback_id, note FROM hub_events WHERE type = 'FEEDBACK_CLUSTER_GREW' ORDER BY seq",
      );
    const before = await grew();
    const text = async () => (await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).find((x) => x.cluster_id === clusterId)!.summary;
    const textBefore = await text();
    // Held until flushed, whatever the machine's speed: the burst's news waits in the process.
    notifications.newsDelayMs = 3_600_000;
    try {
      const burst: string[] = [];
      for (let k = 0; k < 20; k++) burst.push((await report(stormText(3_000 + k))).id);
      const n = await linked();
      const joined = await hub.db.get<{ n: number }>(
        `SELECT count(*) AS n FROM feedback_cluster_items WHERE cluster_id = ? AND feedback_id IN (${burst.map(() => '?').join(', ')})`,
        clusterId,
        ...burst,
      );
      expect(joined!.n).toBe(20);
      // Committed and counted, not told yet: no event per report, the text as it was.
      expect(await grew()).toHaveLength(before.length);
      expect(await text()).toBe(textBefore);
      expect((await hub.db.get<{ reports: number }>('SELECT reports FROM feedback_clusters WHERE id = ?', clusterId))!.reports).toBe(n);
      await notifications.flushNews();
      const after = await grew();
      expect(after).toHaveLength(before.length + 1);
      expect(after[after.length - 1]!.feedback_id).toBe(burst[burst.length - 1]);
      expect(after[after.length - 1]!.note).toContain(`共 ${n} 条反馈`);
      expect(await text()).toBe(after[after.length - 1]!.note);
    } finally {
      notifications.newsDelayMs = ALERT_NEWS_MS;
    }
  });

  it('tells the analysts live, on hubEvents, when a report joins the alert, with its new text', async () => {
    const analyst = await hub.login('analyst');
    const events = collect<{ hubEvents: { type: string; note: string | null; feedbackId: string | null } }>(
      hub.ws(analyst),
      'subscription { hubEvents { type note feedbackId } }',
    );
    // The subscription is live once an event reaches it: reports until one does, then the one looked at.
    for (let k = 0; !events.items.length; k++) {
      if (k === 50) throw new Error('the subscription heard nothing');
      await report(stormText(1_000 + k));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const row = await report(stormText(2_000));
    await events.until(() => events.items.some((e) => e.hubEvents.type === 'FEEDBACK_CLUSTER_GREW' && e.hubEvents.feedbackId === row.id));
    const grew = events.items.find((e) => e.hubEvents.feedbackId === row.id && e.hubEvents.type === 'FEEDBACK_CLUSTER_GREW')!;
    const n = await linked();
    expect(grew.hubEvents.note).toContain(`共 ${n} 条反馈`);
    const mine = (await notificationsOf(h, 'analyst', 'FEEDBACK_CLUSTER')).filter((x) => x.cluster_id === clusterId);
    expect(mine[0]!.summary).toBe(grew.hubEvents.note);
    events.dispose();
  });
});
