import type { HubEventRow } from './event.repository.js';

/**
 * Carries committed events to live subscribers. In-process by default; the Redis implementation
 * (scale-out) has the same shape. Delivery is fire-and-forget: subscribers that need completeness
 * replay from the event log by cursor.
 */
export interface EventBus {
  publish(events: readonly HubEventRow[]): void;
  /** Returns the unsubscribe function. Listeners must not throw and must not block. */
  subscribe(listener: (event: HubEventRow) => void): () => void;
  readonly subscriberCount: number;
}

export function createLocalEventBus(): EventBus {
  const listeners = new Set<(event: HubEventRow) => void>();
  return {
    publish(events) {
      for (const event of events) for (const l of listeners) l(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get subscriberCount() {
      return listeners.size;
    },
  };
}
