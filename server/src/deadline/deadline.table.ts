import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * One row per deadline the hub has acted on: `ACTION_OVERDUE` and `ACTION_ESCALATED` keyed by the
 * action and its due date (an extension makes a new key), `STAGE_OVERDUE:<status>` by the problem
 * and the instant it entered the stage (a reopening makes a new key), `DIGEST` by the local day.
 * Inserted with INSERT OR IGNORE in the transaction that writes the event: whichever process
 * inserts the mark writes the event, so that it is written exactly once.
 */
export const deadlineMarks = sqliteTable(
  'deadline_marks',
  {
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    dueKey: integer('due_key').notNull(),
    markedAt: integer('marked_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subjectId, t.dueKey] })],
);
