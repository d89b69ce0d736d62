import type { Store, Db } from './db.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Env } from './env.js';
import type { EventBus } from '../event/event.bus.js';
import { insertEvent, type EventDraft, type HubEventRow } from '../event/event.repository.js';
import { OrgDirectory } from '../org/org.directory.js';

/** What every service is built with. */
export interface HubDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  env: Env;
  secret: Buffer;
  org: OrgDirectory;
  /**
   * Called for every event inside the transaction that writes it, to write what the event causes
   * (notifications) atomically with it. Set by createServices.
   */
  onEvent?: (tx: Db, event: HubEventRow, emit: Emit) => Promise<void>;
}

export type Emit = (draft: EventDraft) => Promise<HubEventRow>;

/**
 * A use case's write: one transaction in which the change and its events are written together,
 * then the events are published — only after the commit, so that nobody hears of a change that
 * was rolled back.
 */
export async function write<T>(deps: HubDeps, work: (tx: Db, emit: Emit, now: Date) => T | Promise<T>): Promise<T> {
  const events: HubEventRow[] = [];
  const result = await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    // What an event causes may be an event itself (a report joining a 3-in-3 alert): written and
    // published with the rest.
    const emit: Emit = async (draft) => {
      const row = await insertEvent(tx, draft, now);
      events.push(row);
      await deps.onEvent?.(tx, row, emit);
      return row;
    };
    return work(tx, emit, now);
  });
  if (events.length) {
    // Committed is committed: a bus failure must not turn the answer into an error (subscribers
    // catch up from the event log by cursor).
    try {
      deps.bus.publish(events);
    } catch (err) {
      deps.log.error({ err }, 'event bus: publishing committed events failed');
    }
  }
  return result;
}
