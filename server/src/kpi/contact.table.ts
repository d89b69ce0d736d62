import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { branches } from '../org/index.js';
import { CHANNELS } from '../feedback/index.js';
import { ROLLUP_GRAINS } from '../core/period.rules.js';

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
  (t) => [
    index('contact_records_offered_idx').on(t.offeredAt),
    index('contact_records_branch_offered_idx').on(t.branchId, t.offeredAt),
    // The repeat-contact rate looks up a customer's previous contact.
    index('contact_records_customer_idx').on(t.customerRef, t.offeredAt),
  ],
);

/**
 * The KPI counters per day and per month × branch × channel, kept in the transaction that records
 * the contacts. `branch_id` is '' for contacts not attributed to a branch.
 */
export const contactRollups = sqliteTable(
  'contact_rollups',
  {
    grain: text('grain', { enum: ROLLUP_GRAINS }).notNull(),
    period: text('period').notNull(),
    branchId: text('branch_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    offered: integer('offered').notNull(),
    answered: integer('answered').notNull(),
    answeredWithinThreshold: integer('answered_within_threshold').notNull(),
    responded: integer('responded').notNull(),
    respondedWithinThreshold: integer('responded_within_threshold').notNull(),
    rated: integer('rated').notNull(),
    satisfied: integer('satisfied').notNull(),
    transferred: integer('transferred').notNull(),
    workOrders: integer('work_orders').notNull(),
    complaints: integer('complaints').notNull(),
    identified: integer('identified').notNull(),
    repeats: integer('repeats').notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.period, t.branchId, t.channel] })],
);
