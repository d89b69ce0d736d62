import type { Store } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import { createLocalEventBus, type EventBus } from './event.bus.js';
import { createRedisEventBus } from './event.bus.redis.js';
import { createSnapshotEventBus } from './event.bus.snapshot.js';
import { eventsAfter, latestPosition } from './event.repository.js';

/**
 * The event bus a hub process uses. On SQLite (one writer, commit order = seq order): in-process
 * when it runs alone, Redis (REDIS_URL) when several processes serve one database — then the event
 * log is what each process catches up from. On PostgreSQL, alone or not, writers commit
 * concurrently: the bus hands over what the log says is settled (event.bus.snapshot.ts), Redis only
 * announcing new events to the other processes.
 */
export async function createHubEventBus(
  redisUrl: string,
  channel: string,
  store: Store,
  log: Logger,
): Promise<EventBus & { close(): Promise<void> }> {
  if (store.dialect === 'postgres')
    return createSnapshotEventBus(
      {
        after: (position, limit) => eventsAfter(store.read, position, limit, undefined, true),
        latest: () => latestPosition(store.read, true),
      },
      redisUrl ? { url: redisUrl, channel } : null,
      log,
    );
  if (!redisUrl) return localWithClose(createLocalEventBus());
  return createRedisEventBus(
    redisUrl,
    channel,
    {
      after: async (seq, limit) => eventsAfter(store.read, { xid: 0, seq }, limit),
      latest: async () => (await latestPosition(store.read)).seq,
    },
    log,
  );
}

function localWithClose(bus: EventBus): EventBus & { close(): Promise<void> } {
  return Object.assign(bus, { close: async () => undefined });
}
