import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

export const FOLLOW_REASONS = ['MANUAL', 'CREATOR', 'ASSIGNEE', 'EXPERT'] as const;

/**
 * A comment in a problem's discussion thread. Deleting keeps the row as a tombstone (who deleted it
 * and when) with the body gone, so that the thread still reads in order. `mentionedIds` (JSON) are
 * the users it named, so that an edit notifies only the newly mentioned. Problem and user ids are
 * checked by the service, as other features' ids are.
 */
export const problemComments = sqliteTable(
  'problem_comments',
  {
    id: text('id').primaryKey(),
    problemId: text('problem_id').notNull(),
    authorId: text('author_id').notNull(),
    body: text('body'),
    mentionedIds: text('mentioned_ids').notNull().default('[]'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    deletedBy: text('deleted_by'),
    version: integer('version').notNull(),
  },
  (t) => [index('problem_comments_problem_idx').on(t.problemId, t.createdAt, t.id)],
);

/** Who follows a problem (and why: they chose to, or they opened it, own one of its actions, or were invited as an expert). */
export const problemFollowers = sqliteTable(
  'problem_followers',
  {
    problemId: text('problem_id').notNull(),
    userId: text('user_id').notNull(),
    reason: text('reason', { enum: FOLLOW_REASONS }).notNull(),
    since: integer('since', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.userId] }), index('problem_followers_user_idx').on(t.userId)],
);
