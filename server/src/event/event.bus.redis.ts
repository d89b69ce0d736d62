import { Redis } from 'ioredis';
import type { EventBus } from './event.bus.js';
import type { HubEventRow } from './event.repository.js';
import type { Logger } from '../core/logger.js';

/** How often a quiet process looks for events it may have missed (Redis pub/sub is fire-and-forget). */
const CATCH_UP_MS = 1_000;

export interface EventLog {
  /** Committed events after `seq`, in order, at most `limit`. */
  after(seq: number, limit: number): Promise<HubEventRow[]>;
  /** The newest committed event's seq (0 when none). */
  latest(): Promise<number>;
}

export interface RedisEventBus extends EventBus {
  close(): Promise<void>;
}

const wire = (e: HubEventRow): string => JSON.stringify({ ...e, at: e.at.getTime() });
const unwire = (s: string): HubEventRow => {
  const o = JSON.parse(s) as Omit<HubEventRow, 'at'> & { at: number };
  return { ...o, at: new Date(o.at) };
};

/**
 * Events across hub processes. Redis pub/sub carries each committed event to every process; the
 * event log stays the truth. Each process hands its local subscribers one gapless sequence in
 * cursor order: an event that arrives ahead of one not yet seen (another process published later,
 * or Redis dropped a message) makes it read the missing range from the log first, and a timer
 * catches up a quiet process whose last message was lost. Writes are serialized (see core/db.pg.ts),
 * so cursor order is commit order and a range read after the later event's commit holds every
 * earlier one; a cursor never committed (a rolled-back transaction) is simply absent.
 */
export async function createRedisEventBus(url: string, channel: string, log: EventLog, logger: Logger): Promise<RedisEventBus> {
  const options = { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: true } as const;
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  for (const r of [pub, sub]) r.on('error', (err: Error) => logger.warn({ err: { message: err.message } }, 'redis: connection error'));
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(channel);

  const listeners = new Set<(event: HubEventRow) => void>();
  let last = await log.latest();
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const deliver = (event: HubEventRow) => {
    last = event.seq;
    for (const l of listeners) l(event);
  };
  /** Everything committed up to `upTo` (or all of it), from the log, in order. */
  const fill = async (upTo: number | null) => {
    for (;;) {
      const rows = await log.after(last, 500);
      for (const row of rows) if (upTo === null || row.seq <= upTo) deliver(row);
      if (rows.length < 500 || (upTo !== null && last >= upTo)) return;
    }
  };
  const enqueue = (task: () => Promise<void> | void) => {
    chain = chain.then(task).catch((err: unknown) => logger.error({ err }, 'event bus: catching up from the log failed'));
  };
  const receive = (events: readonly HubEventRow[]) =>
    enqueue(async () => {
      for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
        if (event.seq <= last) continue;
        if (event.seq > last + 1) await fill(event.seq - 1);
        if (event.seq > last) deliver(event);
      }
    });

  sub.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    try {
      receive([unwire(message)]);
    } catch (err) {
      logger.warn({ err }, 'event bus: unreadable message ignored');
    }
  });
  const timer = setInterval(
    () =>
      enqueue(async () => {
        if (!closed && (await log.latest()) > last) await fill(null);
      }),
    CATCH_UP_MS,
  );
  timer.unref();

  return {
    publish(events) {
      // Local subscribers first (no round trip), then every other process.
      receive(events);
      for (const e of events)
        pub
          .publish(channel, wire(e))
          .catch((err: Error) => logger.warn({ err: { message: err.message } }, 'redis: publish failed; peers catch up from the log'));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get subscriberCount() {
      return listeners.size;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await chain;
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
