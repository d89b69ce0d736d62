import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { branches, categories, products } from '../org/index.js';
import { users } from '../user/index.js';

export const FEEDBACK_KINDS = ['PRAISE', 'PROBLEM', 'SUGGESTION'] as const;
export const CHANNELS = ['VOICE', 'ONLINE', 'WECHAT', 'VIDEO', 'BRANCH', 'SELF_SERVICE'] as const;

/** One customer voice (客户之声) as the contact center recorded it. */
export const feedback = sqliteTable(
  'feedback',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: FEEDBACK_KINDS }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    productId: text('product_id').references(() => products.id),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    text: text('text').notNull(),
    complaint: integer('complaint', { mode: 'boolean' }).notNull().default(false),
    customerRef: text('customer_ref'),
    recordedBy: text('recorded_by').references(() => users.id),
    problemId: text('problem_id'),
    /**
     * The 3-in-3 alert (feedback_clusters) that links this item, a copy of feedback_cluster_items
     * kept on the row so that the items no alert links yet have an index of their own.
     */
    clusterId: integer('cluster_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Raised by every correction and the void: what `expectedVersion` is checked against. */
    version: integer('version').notNull().default(1),
    /**
     * Voided (作废) by its agent or an analyst, with the reason: the row stays, for the audit and
     * struck through in its problem's list, but counts nowhere (inbox, rollups, similarity, 3-in-3).
     */
    voidedAt: integer('voided_at', { mode: 'timestamp_ms' }),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [
    index('feedback_received_idx').on(t.receivedAt, t.id),
    // Covers "which branches does this problem concern" without touching the rows.
    index('feedback_problem_idx').on(t.problemId, t.branchId),
    index('feedback_branch_received_idx').on(t.branchId, t.receivedAt),
    index('feedback_category_received_idx').on(t.categoryId, t.receivedAt),
    index('feedback_recorded_by_idx').on(t.recordedBy, t.receivedAt),
    index('feedback_customer_idx').on(t.customerRef, t.receivedAt),
    // The 3-in-3 rule's free candidates (no alert, no problem, a customer): during an outage storm
    // the linked reports leave this index, so reading the newest free ones costs the same at the
    // storm's 10th report as at its 3,000th.
    index('feedback_unclustered_idx')
      .on(t.categoryId, t.branchId, t.receivedAt)
      .where(sql`cluster_id IS NULL AND problem_id IS NULL AND customer_ref IS NOT NULL`),
  ],
);

/** recordFeedback's idempotency keys: the same key records once and answers the first record. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  key: text('key').primaryKey(),
  operation: text('operation').notNull(),
  requestHash: text('request_hash').notNull(),
  resultId: text('result_id').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * A feedback item's corrections and its void, oldest first: who, when, why, and each field's value
 * before and after (`changes`, JSON `[{ field, from, to }]`; empty for a void).
 */
export const feedbackCorrections = sqliteTable(
  'feedback_corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    feedbackId: text('feedback_id')
      .notNull()
      .references(() => feedback.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    voided: integer('voided', { mode: 'boolean' }).notNull().default(false),
    reason: text('reason').notNull(),
    changes: text('changes').notNull(),
  },
  (t) => [index('feedback_corrections_feedback_idx').on(t.feedbackId, t.id)],
);
