import { sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { pick, rows } from '../core/sql.js';

/** How many rows of a slice a sample looks at, at most, before it falls back to a full search. */
const SCAN = 240;

/**
 * Up to `limit` feedback items of one kind and category received in [from, to), at the given
 * branches (null: all), taken from the first rows of the slice on the category-and-time index —
 * so a sample costs the same whatever the month holds. Only when those rows hold none of the kind
 * and branches asked (a small branch in a busy month) does it search the whole slice. Plain SQL:
 * it runs dozens of times a report, and the query builder costs more than the query.
 */
export async function sampleFeedback(
  db: Db,
  q: { kind: string; categoryId: string; from: number; to: number; branchIds: readonly string[] | null; limit: number },
): Promise<{ id: string; text: string; customerRef: string | null }[]> {
  const branches = q.branchIds ? JSON.stringify(q.branchIds) : null;
  const matching = pick(db, {
    sqlite: sql`kind = ${q.kind} AND (${branches} IS NULL OR branch_id IN (SELECT value FROM json_each(${branches})))`,
    postgres: sql`kind = ${q.kind} AND (${branches}::text IS NULL OR branch_id IN (SELECT json_array_elements_text(${branches}::json)))`,
  });
  // A voided voice is not quoted: it counts nowhere.
  const slice = sql`category_id = ${q.categoryId} AND received_at >= ${q.from} AND received_at < ${q.to} AND voided_at IS NULL`;
  const first = await rows<{ id: string; text: string; customerRef: string | null }>(
    db,
    pick(db, {
      sqlite: sql`SELECT id, text, customer_ref AS customerRef FROM
    (SELECT id, text, customer_ref, kind, branch_id FROM feedback WHERE ${slice} ORDER BY received_at LIMIT ${SCAN})
    WHERE ${matching} LIMIT ${q.limit}`,
      postgres: sql`SELECT id, text, customer_ref AS "customerRef" FROM
    (SELECT id, text, customer_ref, kind, branch_id FROM feedback WHERE ${slice} ORDER BY received_at LIMIT ${SCAN}) s
    WHERE ${matching} LIMIT ${q.limit}`,
    }),
  );
  if (first.length) return first;
  return rows(
    db,
    pick(db, {
      sqlite: sql`SELECT id, text, customer_ref AS customerRef FROM feedback WHERE ${slice} AND ${matching} ORDER BY received_at LIMIT ${q.limit}`,
      postgres: sql`SELECT id, text, customer_ref AS "customerRef" FROM feedback WHERE ${slice} AND ${matching} ORDER BY received_at LIMIT ${q.limit}`,
    }),
  );
}
