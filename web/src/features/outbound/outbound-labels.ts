import type { NotificationKind } from '../../gql/graphql.js';

/** The kinds a person picks among for WeCom and e-mail, the most wanted outside the hub first. */
export const NOTIFICATION_KINDS_SHOWN: NotificationKind[] = [
  'ACTION_ASSIGNED',
  'ACTION_OVERDUE',
  'ACTION_ESCALATED',
  'STAGE_OVERDUE',
  'CONSULTATION_INVITED',
  'MENTIONED',
  'FEEDBACK_CLUSTER',
  'COMPLAINT_DUE_SOON',
  'COMPLAINT_OVERDUE',
  'COMPLAINT_ESCALATED',
  'DAILY_DIGEST',
];

/** A delivery's status as a tag colour. */
export const STATUS_COLOR: Record<string, string> = { PENDING: 'gold', DELIVERED: 'green', FAILED: 'red' };
