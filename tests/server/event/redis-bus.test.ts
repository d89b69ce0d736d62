/**
 * The Redis event bus hands local subscribers one gapless sequence in cursor order, whatever Redis
 * does: messages from other processes arrive late or out of order, or not at all (pub/sub is
 * fire-and-forget), and the event log fills the gaps.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { Redis } from 'ioredis';
import { createRedisEventBus, type RedisEventBus } from '../../../server/src/event/event.bus.redis.js';
import type { HubEventRow } from '../../../server/src/event/event.repository.js';
import { createLogger } from '../../../server/src/core/logger.js';
import { serviceAvailable, REDIS_URL } from '../../utils/services.js';

const SUITE = 'the Redis event bus';
const ready = await serviceAvailable('redis', SUITE);

const event = (seq: number): HubEventRow => ({
  seq,
  type: 'FEEDBACK_RECORDED',
  at: new Date(1_764_000_000_000 + seq),
  actorId: null,
  problemId: null,
  actionId: null,
  feedbackId: `fb${seq}`,
  complaintId: null,
  callbackId: null,
  commentId: null,
  branchId: null,
  fromStatus: null,
  toStatus: null,
  note: null,
});

/** An event log in memory: what the database would hold. */
function memoryLog() {
  const rows: HubEventRow[] = [];
  let reads = 0;
  return {
    rows,
    get reads() {
      return reads;
    },
    commit: (...seqs: number[]) => seqs.forEach((s) => rows.push(event(s))),
    log: {
      after: async (seq: number, limit: number) => {
        reads++;
        return rows.filter((r) => r.seq > seq).slice(0, limit);
      },
      latest: async () => rows.at(-1)?.seq ?? 0,
    },
  };
}

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.runIf(ready)(SUITE, () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  const channel = () => `voc-hub-test:bus:${process.pid}:${Math.random().toString(36).slice(2)}`;
  const logger = createLogger('silent');

  async function busOn(ch: string, log: ReturnType<typeof memoryLog>['log']): Promise<{ bus: RedisEventBus; got: number[] }> {
    const bus = await createRedisEventBus(REDIS_URL, ch, log, logger);
    open.push(bus);
    const got: number[] = [];
    bus.subscribe((e) => got.push(e.seq));
    return { bus, got };
  }

  it('carries one process’s events to another, in order', async () => {
    const ch = channel();
    const db = memoryLog();
    const a = await busOn(ch, db.log);
    const b = await busOn(ch, db.log);
    db.commit(1, 2, 3);
    a.bus.publish(db.rows.slice(0, 3));
    await until(() => b.got.length === 3);
    expect(b.got).toEqual([1, 2, 3]);
    expect(a.got).toEqual([1, 2, 3]);
  });

  it('fills a gap from the log when a later event arrives first', async () => {
    const ch = channel();
    const db = memoryLog();
    const b = await busOn(ch, db.log);
    const raw = new Redis(REDIS_URL);
    open.push({ close: async () => void raw.disconnect() });
    const wire = (e: HubEventRow) => JSON.stringify({ ...e, at: e.at.getTime() });
    // Process X committed 1 and 2, process Y 3; Y's message arrives first, X's message for 2 is lost.
    db.commit(1, 2, 3);
    await raw.publish(ch, wire(db.rows[2]!));
    await raw.publish(ch, wire(db.rows[0]!));
    await until(() => b.got.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.got).toEqual([1, 2, 3]);
  });

  it('catches up a quiet process whose last message Redis dropped', async () => {
    const ch = channel();
    const db = memoryLog();
    const b = await busOn(ch, db.log);
    // Committed, but no message ever arrives.
    db.commit(1, 2);
    await until(() => b.got.length === 2, 4_000);
    expect(b.got).toEqual([1, 2]);
  });

  it('delivers nothing twice and skips cursors never committed (a rolled-back transaction)', async () => {
    const ch = channel();
    const db = memoryLog();
    const a = await busOn(ch, db.log);
    const b = await busOn(ch, db.log);
    db.commit(1, 2, 4, 5);
    a.bus.publish([db.rows[0]!, db.rows[1]!]);
    a.bus.publish([db.rows[2]!, db.rows[3]!]);
    a.bus.publish([db.rows[1]!, db.rows[3]!]);
    await until(() => b.got.length >= 4 && a.got.length >= 4);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(b.got).toEqual([1, 2, 4, 5]);
    expect(a.got).toEqual([1, 2, 4, 5]);
  });
});
