import { eq, asc, inArray, sql } from 'drizzle-orm';
import { users, loginFailures } from './user.table.js';
import type { Db } from '../core/db.js';

export type UserRow = typeof users.$inferSelect;

export const findUserById = (db: Db, id: string): UserRow | undefined => db.select().from(users).where(eq(users.id, id)).get();
export const findUserByUsername = (db: Db, username: string): UserRow | undefined =>
  db.select().from(users).where(eq(users.username, username)).get();
export const usersByIds = (db: Db, ids: readonly string[]): UserRow[] =>
  db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]))
    .all();

export function listUsers(db: Db, role?: UserRow['role'] | null): UserRow[] {
  const q = db.select().from(users);
  return (role ? q.where(eq(users.role, role)) : q).orderBy(asc(users.username)).all();
}

export function failuresOf(db: Db, username: string) {
  return db.select().from(loginFailures).where(eq(loginFailures.username, username)).get();
}

export function recordFailure(db: Db, username: string, at: Date): void {
  db.insert(loginFailures)
    .values({ username, failures: 1, lastFailedAt: at })
    .onConflictDoUpdate({ target: loginFailures.username, set: { failures: sql`${loginFailures.failures} + 1`, lastFailedAt: at } })
    .run();
}

export const clearFailures = (db: Db, username: string): void =>
  void db.delete(loginFailures).where(eq(loginFailures.username, username)).run();
