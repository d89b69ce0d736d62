import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { serviceAccounts } from './service-account.table.js';
import { users, type UserRow } from '../user/index.js';

export type ServiceAccountRow = typeof serviceAccounts.$inferSelect;

export const findServiceAccount = (db: Db, id: string): Promise<ServiceAccountRow | undefined> =>
  first(db.select().from(serviceAccounts).where(eq(serviceAccounts.id, id)));

export const listServiceAccounts = (db: Db): Promise<ServiceAccountRow[]> =>
  db.select().from(serviceAccounts).orderBy(desc(serviceAccounts.createdAt));

/** The unrevoked account a token's hash names, with its backing user, in one query. */
export const findActiveByTokenHash = (db: Db, tokenHash: string): Promise<{ account: ServiceAccountRow; user: UserRow } | undefined> =>
  first(
    db
      .select({ account: serviceAccounts, user: users })
      .from(serviceAccounts)
      .innerJoin(users, eq(users.id, serviceAccounts.userId))
      .where(and(eq(serviceAccounts.tokenHash, tokenHash), isNull(serviceAccounts.revokedAt))),
  );
