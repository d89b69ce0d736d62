import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { branches, departments } from '../org/index.js';
import { users } from '../user/index.js';
import { problems } from './problem.table.js';

// DECLINED: the owner says the row was sent to them by mistake; it waits on the coordinator to
// reassign or cancel it. CANCELLED: withdrawn by the coordinator; it stays in the table, struck
// through, and no longer holds the problem back.
export const ACTION_STATUSES = [
  'ASSIGNED',
  'ACCEPTED',
  'IN_PROGRESS',
  'SUBMITTED',
  'CONFIRMED',
  'RETURNED',
  'DECLINED',
  'CANCELLED',
] as const;
// WITHDRAWN: a pending request made moot by a correction (the action was reassigned, re-dated or cancelled).
export const EXTENSION_DECISIONS = ['PENDING', 'GRANTED', 'REFUSED', 'WITHDRAWN'] as const;

/** One row of the head-office/branch linkage table (总、分行联动服务表). */
export const actions = sqliteTable(
  'actions',
  {
    id: text('id').primaryKey(),
    problemId: text('problem_id')
      .notNull()
      .references(() => problems.id),
    branchId: text('branch_id').references(() => branches.id),
    departmentId: text('department_id').references(() => departments.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    status: text('status', { enum: ACTION_STATUSES }).notNull(),
    version: integer('version').notNull(),
    position: integer('position').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    returnedCount: integer('returned_count').notNull().default(0),
    // Why the action was last declined or cancelled (a correction's reason), shown beside its status.
    statusReason: text('status_reason'),
  },
  (t) => [
    index('actions_problem_idx').on(t.problemId, t.position),
    index('actions_branch_idx').on(t.branchId, t.status),
    index('actions_status_due_idx').on(t.status, t.dueAt),
    index('actions_department_idx').on(t.departmentId),
  ],
);

/** Progress notes, evidence, returns: the action's own timeline. */
export const actionUpdates = sqliteTable(
  'action_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    status: text('status', { enum: ACTION_STATUSES }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('action_updates_action_idx').on(t.actionId, t.id)],
);

/** A branch's request to move an action's due date; the latest one is the action's `extension`. */
export const extensionRequests = sqliteTable(
  'extension_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id),
    requestedDueAt: integer('requested_due_at', { mode: 'timestamp_ms' }).notNull(),
    previousDueAt: integer('previous_due_at', { mode: 'timestamp_ms' }).notNull(),
    reason: text('reason').notNull(),
    decision: text('decision', { enum: EXTENSION_DECISIONS }).notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    // The date the coordinator granted when it differs from the one asked (null: as asked).
    grantedDueAt: integer('granted_due_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('extension_requests_action_idx').on(t.actionId, t.id)],
);
