import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { branches } from '../org/org.table.js';
import { CHANNELS } from '../feedback/feedback.table.js';

/** One call or session offered to the contact center: the raw material of the KPIs. */
export const contactRecords = sqliteTable(
  'contact_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    branchId: text('branch_id').references(() => branches.id),
    offeredAt: integer('offered_at', { mode: 'timestamp_ms' }).notNull(),
    answered: integer('answered', { mode: 'boolean' }).notNull(),
    waitSeconds: integer('wait_seconds').notNull(),
    firstResponseSeconds: integer('first_response_seconds'),
    transferred: integer('transferred', { mode: 'boolean' }).notNull(),
    workOrder: integer('work_order', { mode: 'boolean' }).notNull(),
    complaint: integer('complaint', { mode: 'boolean' }).notNull(),
    satisfaction: integer('satisfaction'),
    customerRef: text('customer_ref'),
  },
  (t) => [index('contact_records_offered_idx').on(t.offeredAt), index('contact_records_branch_offered_idx').on(t.branchId, t.offeredAt)],
);
