import { inArray } from 'drizzle-orm';
import { byKey, type LoaderKit } from '../core/loader.js';
import { categories, departments, products } from './org.table.js';
import type { CategoryRow, DepartmentRow, ProductRow } from './org.service.js';

/** Per-request batching of the organisation's reference rows (the node query and nested fields). */
export function orgLoaders({ db, loader }: LoaderKit) {
  return {
    category: loader<string, CategoryRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(categories)
          .where(inArray(categories.id, [...ids])),
        (c) => c.id,
      ),
    ),
    department: loader<string, DepartmentRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(departments)
          .where(inArray(departments.id, [...ids])),
        (d) => d.id,
      ),
    ),
    product: loader<string, ProductRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(products)
          .where(inArray(products.id, [...ids])),
        (p) => p.id,
      ),
    ),
  };
}
