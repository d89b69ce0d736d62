import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { users } from '../user/index.js';

/** Where a month's analysis stands: written by the analysts, reviewed by the coordinator, frozen when published. */
export const NARRATIVE_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED'] as const;
export type NarrativeStatusCode = (typeof NARRATIVE_STATUSES)[number];

/**
 * The monthly report's narrative (月度客户之声分析): the sections an analyst writes around the
 * figures. One working copy per month; each published version of the report freezes the copy as it
 * was reviewed (published_reports.payload), so later edits never change what was published.
 */
export const reportNarratives = sqliteTable('report_narratives', {
  month: text('month').primaryKey(),
  highlights: text('highlights').notNull(),
  analysis: text('analysis').notNull(),
  recommendations: text('recommendations').notNull(),
  innovation: text('innovation').notNull(),
  status: text('status', { enum: NARRATIVE_STATUSES }).notNull(),
  version: integer('version').notNull(),
  updatedBy: text('updated_by')
    .notNull()
    .references(() => users.id),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  /** The analyst who last sent it for review: told when it comes back. */
  submittedBy: text('submitted_by').references(() => users.id),
  /** Why the coordinator sent it back (the last time). */
  returnReason: text('return_reason'),
  /** The report version that froze it, once published. */
  publishedVersion: integer('published_version'),
});
