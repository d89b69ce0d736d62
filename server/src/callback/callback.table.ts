import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const CALLBACK_STATUSES = ['OPEN', 'COMPLETED', 'UNREACHABLE'] as const;
export const CALLBACK_VERDICTS = ['SATISFIED', 'PARTLY', 'NOT_SATISFIED'] as const;

/**
 * A callback task (回访): when a problem is resolved, each distinct customer whose feedback or
 * complaint case the problem holds is called back by the contact center. Other features' ids
 * (problem, case, feedback, branch, users) are checked by the service, not by foreign keys.
 */
export const callbacks = sqliteTable(
  'callbacks',
  {
    id: text('id').primaryKey(),
    problemId: text('problem_id').notNull(),
    // Who is called: the customer reference, or the one record (COMPLAINT:id, FEEDBACK:id) that
    // stands for an unnamed customer who left a phone number.
    customerKey: text('customer_key').notNull(),
    customerRef: text('customer_ref'),
    complaintId: text('complaint_id'),
    feedbackId: text('feedback_id'),
    // Whose stored phone (contact/) is called: one of the customer's records that left one.
    contactOwnerType: text('contact_owner_type', { enum: ['FEEDBACK', 'COMPLAINT'] }),
    contactOwnerId: text('contact_owner_id'),
    // The branch the customer's complaint or feedback concerns, for branch scoping.
    branchId: text('branch_id').notNull(),
    status: text('status', { enum: CALLBACK_STATUSES }).notNull(),
    verdict: text('verdict', { enum: CALLBACK_VERDICTS }),
    customerWords: text('customer_words'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }),
    // The agent working the callback: the first to reveal the phone or record an attempt.
    assigneeId: text('assignee_id'),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    closedBy: text('closed_by'),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // The agents' queue: oldest first, by status.
    index('callbacks_queue_idx').on(t.status, t.createdAt, t.id),
    index('callbacks_problem_idx').on(t.problemId, t.customerKey),
    index('callbacks_closed_idx').on(t.closedAt, t.branchId),
    // At most one open callback per customer and problem: resolving again after a reopen adds none.
    uniqueIndex('callbacks_open_customer_idx')
      .on(t.problemId, t.customerKey)
      .where(sql`status = 'OPEN'`),
  ],
);

/** Every call made for a callback: reached or not, and what the customer said. */
export const callbackAttempts = sqliteTable(
  'callback_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callbackId: text('callback_id')
      .notNull()
      .references(() => callbacks.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    agentId: text('agent_id').notNull(),
    reached: integer('reached', { mode: 'boolean' }).notNull(),
    verdict: text('verdict', { enum: CALLBACK_VERDICTS }),
    note: text('note'),
  },
  (t) => [index('callback_attempts_callback_idx').on(t.callbackId, t.id)],
);
