import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from '../user/index.js';

/**
 * A published monthly VOC report: a frozen, versioned snapshot (JSON) that late data does not
 * change; republishing adds a version that says what changed.
 */
export const publishedReports = sqliteTable(
  'published_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    month: text('month').notNull(),
    version: integer('version').notNull(),
    payload: text('payload').notNull(),
    publishedBy: text('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
    /** The whole bank's changes against the previous version, in one line. */
    summary: text('summary').notNull(),
  },
  (t) => [uniqueIndex('published_reports_month_version_idx').on(t.month, t.version)],
);
