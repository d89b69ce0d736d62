import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { CHANNELS, FEEDBACK_KINDS } from '../feedback/index.js';
import { ROLLUP_GRAINS } from '../core/period.rules.js';

/**
 * Feedback counted per day and per month × branch × category × channel × kind, kept in the
 * transaction that records the feedback, so that reports cost the number of groups, not of rows.
 * Rebuilt from the rows by rebuildRollups.
 */
export const feedbackRollups = sqliteTable(
  'feedback_rollups',
  {
    grain: text('grain', { enum: ROLLUP_GRAINS }).notNull(),
    period: text('period').notNull(),
    branchId: text('branch_id').notNull(),
    categoryId: text('category_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    kind: text('kind', { enum: FEEDBACK_KINDS }).notNull(),
    items: integer('items').notNull(),
    complaints: integer('complaints').notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.period, t.branchId, t.categoryId, t.channel, t.kind] })],
);

/**
 * Feedback per day and per month × branch × kind only: the dashboard's daily series, which would
 * otherwise read every category and channel cell of every day.
 */
export const feedbackSeriesRollups = sqliteTable(
  'feedback_series_rollups',
  {
    grain: text('grain', { enum: ROLLUP_GRAINS }).notNull(),
    period: text('period').notNull(),
    branchId: text('branch_id').notNull(),
    kind: text('kind', { enum: FEEDBACK_KINDS }).notNull(),
    items: integer('items').notNull(),
    complaints: integer('complaints').notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.period, t.branchId, t.kind] })],
);

/**
 * What each rollup was built with (the KPI thresholds for the contact rollup): when the
 * configuration no longer matches, the rollup is rebuilt at start.
 */
export const rollupState = sqliteTable('rollup_state', {
  name: text('name').primaryKey(),
  config: text('config').notNull(),
  builtAt: integer('built_at', { mode: 'timestamp_ms' }).notNull(),
});
