/**
 * event: the append-only event log, the write that appends to it (and runs the declared reactions),
 * the bus that carries committed events, and the hubEvents stream.
 */
import { HubEventResolver } from './event.resolver.js';
import { eventLoaders } from './event.loaders.js';

export {
  write,
  Reactions,
  type Emit,
  type EventFacts,
  type FeedbackBefore,
  type Reaction,
  type InTransactionReaction,
  type AfterCommitReaction,
} from './event.write.js';
export { EventService } from './event.service.js';
export { createHubEventBus } from './event.bus.factory.js';
export { hubEventsShared } from './event.resolver.js';
export { HubEventObject } from './event.type.js';
export { HubEventType } from './event.enums.js';
export type { HubEventRow, EventDraft } from './event.repository.js';
export type { HubEventTypeCode } from './event.table.js';

export const eventModule = {
  name: 'event',
  resolvers: [HubEventResolver],
  loaders: eventLoaders,
};

// What other modules use of this one.
export { eventVisible } from './event.rules.js';
export { hubEvents } from './event.table.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { HUB_EVENT_TYPES } from './event.table.js';

// What the import CLI builds its own process with.
export { createLocalEventBus } from './event.bus.js';
