import { Redis } from 'ioredis';
import type { EventBus } from './event.bus.js';
import { positionOf, type EventPosition, type HubEventRow } from './event.repository.js';
import type { Logger } from '../core/logger.js';

/** How often a quiet process reads the log for events it was not told of (another process, a lost message). */
const CATCH_UP_MS = 1_000;
/** How soon to read again for an event heard of but held back by an older transaction still running. */
const RETRY_MS = [5, 10, 25, 50, 100, 200] as const;
/** An event heard of that the log still has not handed over after this long is left to the timer. */
const FORGET_MS = 30_000;

/** The PostgreSQL event log as the bus reads it (event.repository.ts: eventsAfter, latestPosition). */
export interface StableLog {
  /** Events after `position` that no running transaction can precede any more, in delivery order. */
  after(position: EventPosition, limit: number): Promise<HubEventRow[]>;
  /** The last such event's position. */
  latest(): Promise<EventPosition>;
}

export interface SnapshotEventBus extends EventBus {
  close(): Promise<void>;
}

/**
 * The event bus on PostgreSQL, where writers commit concurrently (within a process and across
 * processes) and the order in which commits are announced is no order a reader could resume from.
 * So no event is handed to subscribers as announced: an announcement (this process's commit, or
 * another's through Redis pub/sub, whose messages carry only seqs) only says "read the log". The
 * log is read in its delivery order up to the horizon below which no transaction is running
 * (eventsAfter), so every process hands its subscribers the same gapless sequence, equal to what a
 * subscriber resuming `after` a cursor replays. An event held back by an older transaction still
 * running is read again shortly; a timer catches up what no message announced.
 */
export async function createSnapshotEventBus(
  log: StableLog,
  redis: { url: string; channel: string } | null,
  logger: Logger,
): Promise<SnapshotEventBus> {
  const listeners = new Set<(event: HubEventRow) => void>();
  let last = await log.latest();
  let closed = false;
  /** Seqs announced and not yet handed over, with when each was first heard of. */
  const heard = new Map<number, number>();
  let reading: Promise<void> | null = null;
  let again = false;
  let retry: NodeJS.Timeout | null = null;
  let attempt = 0;
  /** Seqs handed over lately, so that an announcement arriving after the timer read its event is no wait. */
  const recent = new Set<number>();
  const RECENT = 20_000;

  const read = async () => {
    for (;;) {
      const rows = await log.after(last, 500);
      for (const row of rows) {
        last = positionOf(row);
        heard.delete(row.seq);
        recent.add(row.seq);
        if (recent.size > RECENT) recent.delete(recent.values().next().value!);
        for (const l of listeners) l(row);
      }
      if (rows.length < 500) return;
    }
  };
  /** Reads the log now, or once more after the read in progress (announcements coalesce). */
  const kick = (): void => {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      do {
        again = false;
        try {
          await read();
        } catch (err) {
          logger.error({ err }, 'event bus: reading the log failed');
        }
      } while (again && !closed);
      reading = null;
      const now = Date.now();
      for (const [seq, since] of heard) if (now - since > FORGET_MS) heard.delete(seq);
      if (heard.size && !closed && !retry) {
        retry = setTimeout(
          () => {
            retry = null;
            kick();
          },
          RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)],
        );
        retry.unref();
      } else if (!heard.size) attempt = 0;
    })();
  };
  const announce = (seqs: readonly number[]) => {
    const now = Date.now();
    for (const seq of seqs) if (!heard.has(seq) && !recent.has(seq)) heard.set(seq, now);
    kick();
  };

  let pub: Redis | null = null;
  let sub: Redis | null = null;
  if (redis) {
    const options = { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: true } as const;
    pub = new Redis(redis.url, options);
    sub = new Redis(redis.url, options);
    for (const r of [pub, sub]) r.on('error', (err: Error) => logger.warn({ err: { message: err.message } }, 'redis: connection error'));
    await Promise.all([pub.connect(), sub.connect()]);
    await sub.subscribe(redis.channel);
    sub.on('message', (from: string, message: string) => {
      if (from !== redis.channel) return;
      const seqs = (JSON.parse(message) as { seqs?: unknown }).seqs;
      if (Array.isArray(seqs)) announce(seqs.filter((s): s is number => typeof s === 'number'));
      else logger.warn('event bus: unreadable message ignored');
    });
  }
  const timer = setInterval(kick, CATCH_UP_MS);
  timer.unref();

  return {
    publish(events) {
      if (!events.length) return;
      const seqs = events.map((e) => e.seq);
      announce(seqs);
      pub
        ?.publish(redis!.channel, JSON.stringify({ seqs }))
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
      if (retry) clearTimeout(retry);
      await reading;
      sub?.disconnect();
      await pub?.quit().catch(() => pub!.disconnect());
    },
  };
}
