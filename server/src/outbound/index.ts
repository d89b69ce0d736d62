/**
 * outbound: reaching people outside the hub (issue 19) — WeCom application messages and group
 * robots, e-mail over SMTP, outgoing signed webhooks — through a transactional outbox.
 */
import type { HubServices } from '../core/context.js';
import type { Reaction } from '../event/index.js';
import { OutboundResolver } from './outbound.resolver.js';

export { OutboundService, type OutboundNotification } from './outbound.service.js';
export { signBody } from './outbound.channels.js';

export const outboundModule = {
  name: 'outbound',
  resolvers: [OutboundResolver],
  reactions: (hub: HubServices): readonly Reaction[] => [
    {
      // The people an event concerns are reached through their notifications, whose deliveries the
      // notification module's write hands to the outbox (app/services.ts); here: the endpoints.
      name: 'write the deliveries of an event to the webhooks registered for it, in its transaction',
      on: 'every event',
      run: (tx, event) => hub.outbound.enqueueEvent(tx, event),
    },
  ],
};

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  ENDPOINT_FORMATS,
  PERSONAL_CHANNELS,
  notificationPreferences,
  outboundDeliveries,
  webhookEndpoints,
} from './outbound.table.js';
