import { and, asc, eq, inArray, ne, count } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { customerContacts, type CONTACT_OWNERS } from './contact.table.js';

export type ContactOwnerType = (typeof CONTACT_OWNERS)[number];
export type ContactRow = typeof customerContacts.$inferSelect;

export function findContact(db: Db, ownerType: ContactOwnerType, ownerId: string): Promise<ContactRow | undefined> {
  return first(
    db
      .select()
      .from(customerContacts)
      .where(and(eq(customerContacts.ownerType, ownerType), eq(customerContacts.ownerId, ownerId))),
  );
}

export function contactsOf(db: Db, ownerType: ContactOwnerType, ownerIds: readonly string[]): Promise<ContactRow[]> {
  if (!ownerIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.ownerType, ownerType), inArray(customerContacts.ownerId, [...ownerIds])));
}

/** Rows still sealed under another key than the active one, oldest first. */
export function contactsNotUnder(db: Db, keyId: string, limit: number): Promise<ContactRow[]> {
  return db
    .select()
    .from(customerContacts)
    .where(ne(customerContacts.keyId, keyId))
    .orderBy(asc(customerContacts.createdAt), asc(customerContacts.ownerId))
    .limit(limit);
}

export async function countContactsNotUnder(db: Db, keyId: string): Promise<number> {
  return (await first(db.select({ n: count() }).from(customerContacts).where(ne(customerContacts.keyId, keyId))))?.n ?? 0;
}
