import { eq, asc, inArray } from 'drizzle-orm';
import { users } from './user.table.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';

export type UserRow = typeof users.$inferSelect;

export const findUserById = async (db: Db, id: string): Promise<UserRow | undefined> =>
  first(db.select().from(users).where(eq(users.id, id)));
export const findUserByUsername = async (db: Db, username: string): Promise<UserRow | undefined> =>
  first(db.select().from(users).where(eq(users.username, username)));
export const usersByIds = async (db: Db, ids: readonly string[]): Promise<UserRow[]> =>
  db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));

/** Users by sign-in name, as old history notes named them. */
export const usersByUsernames = async (db: Db, usernames: readonly string[]): Promise<UserRow[]> =>
  db
    .select()
    .from(users)
    .where(inArray(users.username, [...usernames]));

export async function listUsers(db: Db, role?: UserRow['role'] | null): Promise<UserRow[]> {
  const q = db.select().from(users);
  return await (role ? q.where(eq(users.role, role)) : q).orderBy(asc(users.username));
}
