import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** The lists whose filters a user may keep as named views: the inbox, the problem board, the action lists. */
export const VIEW_LISTS = ['INBOX', 'PROBLEMS', 'ACTIONS'] as const;
export type ViewListCode = (typeof VIEW_LISTS)[number];

/**
 * A named set of filters for one list, owned by the user who saved it. Shared with a role, a branch
 * (its subtree's users), or both; only the owner edits it. `filter` is the list's filter input
 * (FeedbackFilter, ProblemFilter, ActionFilter) as JSON, checked against that type when written.
 * Owner and branch ids are checked by the service, not by foreign keys, as complaint does.
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    list: text('list', { enum: VIEW_LISTS }).notNull(),
    name: text('name').notNull(),
    filter: text('filter').notNull(),
    sharedRole: text('shared_role'),
    sharedBranchId: text('shared_branch_id'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('saved_views_list_owner_idx').on(t.list, t.ownerId)],
);
