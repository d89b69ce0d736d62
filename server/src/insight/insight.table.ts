import { sqliteTable, text, integer, blob } from 'drizzle-orm/sqlite-core';
import { feedback } from '../feedback/index.js';

/**
 * Each feedback item's similarity features (insight.rules: the format byte, then up to 128 uint32
 * n-gram hashes), written in the transaction that records the item, or by the catch-up for items
 * that arrived another way (the demo load, imports: after each batch's commit). The table was
 * `feedback_signatures` and its column `signature` while an earlier version stored a 64-value
 * MinHash signature here; rows still in that form are stored again in the current one by the
 * catch-up (insight.service).
 * `seq` grows with every row, so a process keeps its in-memory copy current by reading the rows
 * after the last `seq` it has seen, whichever process wrote them.
 */
export const feedbackFeatures = sqliteTable('feedback_features', {
  seq: integer('seq').primaryKey(),
  feedbackId: text('feedback_id')
    .notNull()
    .unique()
    .references(() => feedback.id, { onDelete: 'cascade' }),
  features: blob('features', { mode: 'buffer' }).notNull(),
});
