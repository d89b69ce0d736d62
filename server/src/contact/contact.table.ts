import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

export const CONTACT_OWNERS = ['FEEDBACK', 'COMPLAINT'] as const;

/**
 * A customer's phone number, encrypted at rest (AES-256-GCM): `sealed` is base64 of the random
 * 12-byte IV, the 16-byte tag and the ciphertext, bound to its owner (the additional data is
 * `OWNER:id`, so that a value copied to another row does not open). `key_id` names the configured
 * key that opens it, so that a rotation finds the rows still under an old key. No clear text is
 * kept anywhere, not even masked.
 */
export const customerContacts = sqliteTable(
  'customer_contacts',
  {
    ownerType: text('owner_type', { enum: CONTACT_OWNERS }).notNull(),
    ownerId: text('owner_id').notNull(),
    keyId: text('key_id').notNull(),
    sealed: text('sealed').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerType, t.ownerId] }), index('customer_contacts_key_idx').on(t.keyId)],
);
