import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** How a delivery leaves the hub. */
export const DELIVERY_CHANNELS = ['EMAIL', 'WECOM', 'WEBHOOK', 'WECOM_ROBOT'] as const;
export type DeliveryChannelCode = (typeof DELIVERY_CHANNELS)[number];

/** The channels a person chooses among for their own notifications. */
export const PERSONAL_CHANNELS = ['EMAIL', 'WECOM'] as const;
export type PersonalChannelCode = (typeof PERSONAL_CHANNELS)[number];

/** PENDING: waiting for its (next) attempt; DELIVERED: the receiver accepted it; FAILED: parked after the last retry, replayable by an admin. */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatusCode = (typeof DELIVERY_STATUSES)[number];

/** What an endpoint receives: the hub's signed JSON, or a WeCom group robot's Markdown card. */
export const ENDPOINT_FORMATS = ['SIGNED_JSON', 'WECOM_ROBOT'] as const;
export type EndpointFormatCode = (typeof ENDPOINT_FORMATS)[number];

/**
 * The transactional outbox: one row per message to send, written in the transaction of the
 * notification or event that causes it (so nothing is sent for a rolled-back write, and nothing
 * committed is lost when the process dies), then drained by the dispatcher. `id` is the stable
 * idempotency id every attempt carries. `payload` is rendered (and masked) when written, so that
 * retries send the same message. `claimedUntil`/`claimedBy`: the attempt in flight, taken by one
 * conditional update, so that one process sends it while the lease holds; `claimedBy` stays
 * afterwards, naming the process that made the last attempt.
 */
export const outboundDeliveries = sqliteTable(
  'outbound_deliveries',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
    userId: text('user_id'),
    endpointId: text('endpoint_id'),
    /** A notification kind (personal channels) or an event type (endpoints). */
    kind: text('kind').notNull(),
    eventSeq: integer('event_seq'),
    /** E-mail address, WeCom user id, or the endpoint's URL at the time it was written. */
    target: text('target').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    claimedBy: text('claimed_by'),
    lastError: text('last_error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('outbound_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('outbound_deliveries_user_idx').on(t.userId, t.createdAt),
    index('outbound_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
  ],
);

/**
 * An outgoing webhook an admin registered: the event types it receives, optionally only those of a
 * branch's subtree or a department's actions. `secret` signs each body (HMAC-SHA256); it is never
 * read back through the API.
 */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  format: text('format', { enum: ENDPOINT_FORMATS }).notNull(),
  secret: text('secret').notNull(),
  /** JSON array of HubEventType values. */
  eventTypes: text('event_types').notNull(),
  branchId: text('branch_id'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Which notifications reach a person outside the hub, by which channels, outside which quiet hours.
 * A row per user (their own choice) or per role (the admin's default: `subject` is `role:<ROLE>`);
 * a field left null in the user's row falls back to their role's.
 */
export const notificationPreferences = sqliteTable('notification_preferences', {
  subject: text('subject').primaryKey(),
  /** JSON array of NotificationKind values; null: every kind. */
  kinds: text('kinds'),
  /** JSON array of PERSONAL_CHANNELS; null: the role's default (none without one). */
  channels: text('channels'),
  /** Quiet hours in bank time, minutes of the day [from, to); both null: none. */
  quietFrom: integer('quiet_from'),
  quietTo: integer('quiet_to'),
  email: text('email'),
  wecomUserId: text('wecom_user_id'),
  version: integer('version').notNull().default(1),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
