import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * The audit trail a regulator reads: every mutation, every refused attempt and every unmasked view
 * of personal data, each row hash-chained to the one before. The database refuses UPDATE and
 * DELETE on it (migration triggers); `verify` finds any row altered behind its back.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    requestId: text('request_id'),
    actorId: text('actor_id'),
    operation: text('operation').notNull(),
    outcome: text('outcome', { enum: ['OK', 'REFUSED', 'VIEWED_PERSONAL_DATA'] }).notNull(),
    detail: text('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_actor_idx').on(t.actorId, t.seq)],
);
