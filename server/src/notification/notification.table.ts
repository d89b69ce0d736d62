import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from '../user/index.js';

export const NOTIFICATION_KINDS = [
  'CONSULTATION_INVITED',
  'ACTION_ASSIGNED',
  'ACTION_RETURNED',
  'ACTION_CONFIRMED',
  'EXTENSION_DECIDED',
  'ACTION_OVERDUE',
  'ACTION_ESCALATED',
  'STAGE_OVERDUE',
  'MENTIONED',
  'FEEDBACK_CLUSTER',
  'DAILY_DIGEST',
  // A customer called back (回访) after a fix is not satisfied: the problem is flagged to the coordinators.
  'CALLBACK_DISSATISFIED',
  'COMPLAINT_DUE_SOON',
  'COMPLAINT_OVERDUE',
  'COMPLAINT_ESCALATED',
  // An open callback due soon (to its agent, or every agent) or overdue (to the coordinators).
  'CALLBACK_DUE_SOON',
  'CALLBACK_OVERDUE',
  // Work waiting on the coordinator, and corrections in the loop (issue 18).
  'OPINION_SUBMITTED',
  'EXTENSION_REQUESTED',
  'ACTION_SUBMITTED',
  'ACTION_DECLINED',
  'ACTION_CANCELLED',
  'ACTION_REDATED',
  'INVITATION_DECLINED',
  // The discussion (discussion/, issue 18): a new comment on a problem one follows; any other
  // event of a problem one follows (each at most one notification per person and event).
  'COMMENT_ADDED',
  'FOLLOWED_PROBLEM',
  // Praise (赞扬之声) reaches the praised (issue 20): the managers of the branch a customer praised.
  'PRAISE_RECEIVED',
  // The monthly analysis (issue 20): sent for the coordinator's review; sent back to the analyst.
  'REPORT_REVIEW_REQUESTED',
  'REPORT_NARRATIVE_RETURNED',
] as const;
export type NotificationKindCode = (typeof NOTIFICATION_KINDS)[number];

/**
 * A user's inbox. Rows caused by a hub event are written in that event's transaction; `id` grows
 * in commit order (one writer at a time), so it is also the live feed's cursor.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    eventSeq: integer('event_seq'),
    problemId: text('problem_id'),
    actionId: text('action_id'),
    clusterId: integer('cluster_id'),
    summary: text('summary').notNull(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx')
      .on(t.userId, t.id)
      .where(sql`read_at IS NULL`),
    // A 3-in-3 alert's rows, rewritten as reports join it (its counts stay current).
    index('notifications_cluster_idx')
      .on(t.clusterId)
      .where(sql`cluster_id IS NOT NULL`),
  ],
);

/**
 * A 3-in-3 alert: enough distinct customers reported the same complaint (one topic: insight's
 * similarity grouping) at one site (one category at one branch) within the window, with none of
 * it attached to a problem. Later reports of the chain that resemble its members join it. The
 * SQL names say "cluster" (feedback_clusters, feedback_cluster_items, cluster_id), from before
 * the word was kept for one meaning; the code calls it an alert (alert.rules.ts).
 */
export const feedbackClusters = sqliteTable(
  'feedback_clusters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    categoryId: text('category_id').notNull(),
    branchId: text('branch_id').notNull(),
    firstAt: integer('first_at', { mode: 'timestamp_ms' }).notNull(),
    lastAt: integer('last_at', { mode: 'timestamp_ms' }).notNull(),
    /** Distinct customers among the linked reports (feedback_cluster_customers), kept as reports join. */
    customers: integer('customers').notNull(),
    /** Reports linked (feedback_cluster_items), kept as reports join: what the alert's text says. */
    reports: integer('reports').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('feedback_clusters_group_idx').on(t.categoryId, t.branchId, t.lastAt)],
);

/**
 * The feedback an alert links; an item belongs to one alert at most. `rep` marks the alert's first
 * ALERT_REPRESENTATIVES reports: a new report continues the alert if it resembles them, so that
 * deciding costs the same whether the alert links 3 reports or 3,000.
 */
export const feedbackClusterItems = sqliteTable(
  'feedback_cluster_items',
  {
    feedbackId: text('feedback_id').primaryKey(),
    clusterId: integer('cluster_id').notNull(),
    rep: integer('rep', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('feedback_cluster_items_cluster_idx').on(t.clusterId),
    index('feedback_cluster_items_rep_idx')
      .on(t.clusterId)
      .where(sql`rep = 1`),
  ],
);

/** The distinct customers of an alert: one row each, so that a joining report counts its customer once, in one insert. */
export const feedbackClusterCustomers = sqliteTable(
  'feedback_cluster_customers',
  {
    clusterId: integer('cluster_id').notNull(),
    customerRef: text('customer_ref').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.customerRef] })],
);
