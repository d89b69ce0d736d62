import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { users } from '../user/index.js';

/**
 * An integration's service account (issue 19): a name, its scopes, and the SHA-256 of its token
 * (the token itself is shown once, at creation, and kept nowhere). Each account acts through a
 * backing user (role ANALYST, no usable password), so that what it records carries an author, is
 * audited under an actor and charged to a rate budget exactly as a person's work is. Revoking sets
 * `revoked_at` and deactivates the backing user: every process refuses the token at its next call.
 */
export const serviceAccounts = sqliteTable(
  'service_accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull().unique(),
    description: text('description'),
    /** The scopes as a JSON array of SERVICE_SCOPES codes. */
    scopes: text('scopes').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    tokenHint: text('token_hint').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('service_accounts_user_idx').on(t.userId)],
);
