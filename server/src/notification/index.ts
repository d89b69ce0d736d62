/** notification: each user's inbox, @mentions, the daily digest and the 3-in-3 alert. */
import type { HubServices } from '../core/context.js';
import type { Reaction } from '../event/index.js';
import { NotificationResolver, DigestItemResolver } from './notification.resolver.js';

export { NotificationService } from './notification.service.js';

export const notificationModule = {
  name: 'notification',
  resolvers: [NotificationResolver, DigestItemResolver],
  reactions: (hub: HubServices): readonly Reaction[] => [
    {
      // FEEDBACK_RECORDED: the complaint joins its 3-in-3 group (alerting, or growing the alert's
      // counts); every other event: the inbox rows of the people it concerns and of those
      // @mentioned in its note.
      name: 'notify the people an event concerns; group complaints for the 3-in-3 alert',
      on: 'every event',
      run: (tx, event, emit, facts) => hub.notifications.react(tx, event, emit, facts),
    },
    {
      // Praise reaches the praised (issue 20): the managers of the praised branch, one line per
      // praise recorded, one per branch and imported batch.
      name: 'tell a branch its customers praised it',
      on: ['FEEDBACK_RECORDED', 'RECORDS_IMPORTED'],
      run: (tx, event, _emit, facts) => hub.notifications.tellPraise(tx, event, facts),
    },
    {
      // Once a report that joined an alert is committed, the alert's text is rewritten with its
      // counts and FEEDBACK_CLUSTER_GREW tells the analysts: one write (NotificationService.tellNews)
      // for every report that joined within ALERT_NEWS_MS, outside the reports' own writes.
      name: 'tell the analysts of the reports that joined a 3-in-3 alert, after their commit',
      on: ['FEEDBACK_RECORDED'],
      when: 'after commit',
      run: (event) => {
        if (event.feedbackId) hub.notifications.reportCommitted(event.feedbackId);
      },
    },
  ],
};

// What other modules use of this one.
export type { AlertSite, OutboxPort } from './notification.service.js';
export { NotificationKind } from './notification.type.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export {
  NOTIFICATION_KINDS,
  feedbackClusterCustomers,
  feedbackClusterItems,
  feedbackClusters,
  notifications,
} from './notification.table.js';
