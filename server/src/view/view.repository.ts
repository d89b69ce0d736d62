import { and, asc, eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { savedViews, type ViewListCode } from './view.table.js';

export type ViewRow = typeof savedViews.$inferSelect;

export const findView = (db: Db, id: string): Promise<ViewRow | undefined> =>
  first(db.select().from(savedViews).where(eq(savedViews.id, id)));

/** A list's views that may concern this user: their own and every shared one (the rules decide which reach them). */
export async function candidateViews(db: Db, list: ViewListCode, ownerId: string): Promise<ViewRow[]> {
  return await db
    .select()
    .from(savedViews)
    .where(
      and(
        eq(savedViews.list, list),
        or(eq(savedViews.ownerId, ownerId), isNotNull(savedViews.sharedRole), isNotNull(savedViews.sharedBranchId)),
      ),
    )
    .orderBy(asc(savedViews.name), asc(savedViews.id));
}
