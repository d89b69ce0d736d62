import { inArray } from 'drizzle-orm';
import { byKey, type LoaderKit } from '../core/loader.js';
import { categories, departments, products } from './org.table.js';

/** Per-request batching of the organisation's reference rows (the node query and nested fields). */
export function orgLoaders({ db, loader }: LoaderKit) {
  /** One loader a reference table: its rows by id, one query a page. */
  const byId = <T extends typeof categories | typeof departments | typeof products>(table: T) =>
    loader<string, T['$inferSelect'] | null>(async (ids) =>
      byKey(
        ids,
        (await db()
          .select()
          .from(table as typeof categories)
          .where(inArray(table.id, [...ids]))) as T['$inferSelect'][],
        (r) => r.id,
      ),
    );
  return { category: byId(categories), department: byId(departments), product: byId(products) };
}
