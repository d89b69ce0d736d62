import { sql } from 'drizzle-orm';
import type { Store } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import { row } from '../core/sql.js';
import { createLocalEventBus, type EventBus } from './event.bus.js';
import { createRedisEventBus } from './event.bus.redis.js';
import { eventsAfter } from './event.repository.js';

/**
 * The event bus a hub process uses: in-process when it runs alone, Redis (REDIS_URL) when several
 * processes serve one database — then the event log is what each process catches up from.
 */
export async function createHubEventBus(
  redisUrl: string,
  channel: string,
  store: Store,
  log: Logger,
): Promise<EventBus & { close(): Promise<void> }> {
  if (!redisUrl) return localWithClose(createLocalEventBus());
  return createRedisEventBus(
    redisUrl,
    channel,
    {
      after: async (seq, limit) => eventsAfter(store.read, seq, limit),
      latest: async () => (await row<{ seq: number | null }>(store.read, sql`SELECT max(seq) AS seq FROM hub_events`))?.seq ?? 0,
    },
    log,
  );
}

function localWithClose(bus: EventBus): EventBus & { close(): Promise<void> } {
  return Object.assign(bus, { close: async () => undefined });
}
