/**
 * The event log's order on PostgreSQL without commit-order locking: a write that took its seq
 * before another but commits after it is still handed to every subscriber, live and resuming, in
 * one order that never goes back (event.repository.ts eventsAfter: (writer_xid, seq), read below
 * the oldest running transaction).
 *
 * The straggler is a transaction on the test's own connection, which takes no hub lock: it inserts
 * an event row (taking the smaller seq), the hub then commits a write (the larger seq), and only
 * then does the straggler commit. Under "seq > last delivered" a subscriber handed the hub's event
 * would never see the straggler's.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import { collect, startHub, type TestHub } from '../utils/hub.js';
import { serviceAvailable } from '../utils/services.js';
import { demoIds, recordFeedback, type DemoIds } from '../utils/fixtures.js';

const SUITE = 'event log order on PostgreSQL with a straggling writer';
const ready = await serviceAvailable('postgres', SUITE);

type Ev = { cursor: string; type: string; note: string | null; feedbackId: string | null };
type Msg = { hubEvents: Ev };
const EVENTS = `subscription($after: String) { hubEvents(after: $after) { cursor type note feedbackId } }`;

describe.runIf(ready)(SUITE, { timeout: 120_000 }, () => {
  let hub: TestHub;
  let ids: DemoIds;
  let agent: string;
  let coordinator: string;
  let client: pg.Client;

  beforeAll(async () => {
    hub = await startHub({ database: 'postgres', demo: { feedback: 20, contacts: 20 } });
    agent = await hub.login('agent');
    coordinator = await hub.login('coordinator');
    ids = await demoIds(hub, coordinator);
    client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await hub?.stop();
  });

  const record = (text: string) =>
    recordFeedback(hub, agent, { branchId: Object.values(ids.branch)[1]!, categoryId: Object.values(ids.category)[0]!, text });

  it('hands a write that commits after a later seq to live and resuming subscribers, in one order', async () => {
    const live = collect<Msg>(hub.ws(coordinator), EVENTS);
    // A subscriber resuming from the start: the log's replay, then live.
    const replayed = collect<Msg>(hub.ws(coordinator), EVENTS, { after: '0' });
    const before = await record('排序测试 预热');
    await live.until(() => live.items.some((m) => m.hubEvents.feedbackId === before));
    await replayed.until(() => replayed.items.some((m) => m.hubEvents.feedbackId === before));

    await client.query('BEGIN');
    const straggler = (
      await client.query<{ seq: string }>(
        `INSERT INTO hub_events (type, at, note) VALUES ('REPORT_PUBLISHED', $1, 'straggler') RETURNING seq`,
        [Date.now()],
      )
    ).rows[0]!.seq;
    const overtaking = await record('排序测试 先提交');
    // The fault happened: the hub's event, with the larger seq, is committed while the straggler's is not.
    const committed = await hub.db.all<{ seq: number; feedbackId: string | null }>(
      `SELECT seq, feedback_id AS "feedbackId" FROM hub_events WHERE seq >= ? ORDER BY seq`,
      Number(straggler),
    );
    expect(committed.map((r) => r.feedbackId)).toEqual([overtaking]);
    expect(committed[0]!.seq).toBeGreaterThan(Number(straggler));
    await client.query('COMMIT');
    const after = await record('排序测试 之后');

    for (const s of [live, replayed]) await s.until(() => s.items.some((m) => m.hubEvents.feedbackId === after), 15_000);
    const seen = (s: typeof live) => s.items.map((m) => m.hubEvents);
    for (const s of [live, replayed]) {
      const list = seen(s);
      expect(s.errors).toEqual([]);
      for (let i = 1; i < list.length; i++) expect(list[i]!.cursor > list[i - 1]!.cursor, `cursor ${i}`).toBe(true);
      const tail = list.slice(list.findIndex((e) => e.feedbackId === before) + 1);
      // Every event from then on, the straggler's included, exactly once.
      expect(tail.filter((e) => e.note === 'straggler')).toHaveLength(1);
      expect(tail.filter((e) => e.feedbackId === overtaking)).toHaveLength(1);
      expect(tail.filter((e) => e.feedbackId === after)).toHaveLength(1);
    }
    // The live and the resuming subscriber saw the same sequence from the warm-up on.
    const from = (list: Ev[], c: string) => list.filter((e) => e.cursor > c).map((e) => e.cursor);
    const warm = seen(live).find((e) => e.feedbackId === before)!.cursor;
    expect(from(seen(replayed), warm)).toEqual(from(seen(live), warm));

    // Resuming after each cursor handed out gives exactly what followed it: nothing skipped.
    const handed = seen(live).filter((e) => e.cursor > warm);
    for (const [i, e] of [[-1, seen(live).find((x) => x.feedbackId === before)!] as const, ...handed.map((x, j) => [j, x] as const)]) {
      const resumed = collect<Msg>(hub.ws(coordinator), EVENTS, { after: e.cursor });
      const expected = handed.slice(i + 1).map((x) => x.cursor);
      await resumed.until(() => resumed.items.length >= expected.length, 15_000);
      expect(resumed.items.map((m) => m.hubEvents.cursor).slice(0, expected.length)).toEqual(expected);
      resumed.dispose();
    }
    live.dispose();
    replayed.dispose();
  });
});
