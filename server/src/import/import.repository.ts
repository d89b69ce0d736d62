import { eq, sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first, row } from '../core/sql.js';
import { newId } from '../core/ids.js';
import { feedback } from '../feedback/index.js';
import { contactRecords } from '../kpi/index.js';
import { branches, categories, products } from '../org/index.js';
import { imports, importKeys, type ImportKindCode } from './import.table.js';
import type { ContactImportRow, FeedbackImportRow, Lookups } from './import.rules.js';

export type ImportRow = typeof imports.$inferSelect;

// Rows per INSERT statement: 12 columns × 400 rows stays far below SQLite's 32,766 parameters.
const CHUNK = 400;

export const findImport = async (db: Db, id: string): Promise<ImportRow | undefined> =>
  first(db.select().from(imports).where(eq(imports.id, id)));

/**
 * Claims the source keys of a batch: inserts those not imported before and answers them. A key
 * already there (an earlier import, or a repeat within this file) is a duplicate.
 */
async function claimKeys(tx: Db, kind: ImportKindCode, importId: string, keys: readonly string[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await tx
      .insert(importKeys)
      .values(keys.slice(i, i + CHUNK).map((key) => ({ kind, key, importId })))
      .onConflictDoNothing()
      .returning({ key: importKeys.key });
    for (const r of rows) fresh.add(r.key);
  }
  return fresh;
}

/** Writes the batch's new feedback; answers how many were new. Feedback keeps `rowid` order, which the rollup increment relies on. */
export async function insertFeedbackBatch(
  tx: Db,
  importId: string,
  rows: readonly FeedbackImportRow[],
  recordedBy: string,
  at: Date,
): Promise<number> {
  const fresh = await claimKeys(
    tx,
    'FEEDBACK',
    importId,
    rows.map((r) => r.key),
  );
  const values = rows
    .filter((r) => fresh.delete(r.key))
    .map((r) => ({
      id: newId('Feedback', r.receivedAt),
      kind: r.kind,
      channel: r.channel,
      categoryId: r.categoryId,
      productId: r.productId,
      branchId: r.branchId,
      receivedAt: new Date(r.receivedAt),
      text: r.text,
      complaint: r.complaint,
      customerRef: r.customerRef,
      recordedBy,
      createdAt: at,
    }));
  for (let i = 0; i < values.length; i += CHUNK) await tx.insert(feedback).values(values.slice(i, i + CHUNK));
  return values.length;
}

/** Writes the batch's new contact records; answers how many were new. */
export async function insertContactBatch(tx: Db, importId: string, rows: readonly ContactImportRow[]): Promise<number> {
  const fresh = await claimKeys(
    tx,
    'CONTACTS',
    importId,
    rows.map((r) => r.key),
  );
  const values = rows
    .filter((r) => fresh.delete(r.key))
    .map(({ key: _key, offeredAt, ...r }) => ({ ...r, offeredAt: new Date(offeredAt) }));
  for (let i = 0; i < values.length; i += CHUNK) await tx.insert(contactRecords).values(values.slice(i, i + CHUNK));
  return values.length;
}

// SQLite only: PostgreSQL has no rowid, and feedback has no other insertion-ordered column.
export const maxFeedbackRowid = async (db: Db): Promise<number> =>
  (await row<{ n: number }>(db, sql`SELECT coalesce(max(rowid), 0) AS n FROM feedback`))?.n ?? 0;

export const maxContactId = async (db: Db): Promise<number> =>
  (await row<{ n: number }>(db, sql`SELECT coalesce(max(id), 0) AS n FROM contact_records`))?.n ?? 0;

/** Branches, categories and products by upper-cased code and by id. */
export async function loadLookups(db: Db, now: number): Promise<Lookups> {
  const map = (rows: { id: string; code: string }[]) =>
    new Map(rows.flatMap((r) => [[r.code.toUpperCase(), r.id] as const, [r.id, r.id] as const]));
  return {
    branches: map(await db.select({ id: branches.id, code: branches.code }).from(branches)),
    categories: map(await db.select({ id: categories.id, code: categories.code }).from(categories)),
    products: map(await db.select({ id: products.id, code: products.code }).from(products)),
    now,
  };
}

export async function insertImport(tx: Db, row: typeof imports.$inferInsert): Promise<ImportRow> {
  return (await first(tx.insert(imports).values(row).returning()))!;
}

export async function updateImport(tx: Db, id: string, set: Partial<Omit<ImportRow, 'id'>>): Promise<ImportRow | undefined> {
  return first(tx.update(imports).set(set).where(eq(imports.id, id)).returning());
}

/** Adds a batch's counts to an import, in the batch's transaction. */
export async function countBatch(
  tx: Db,
  id: string,
  add: { rowsRead: number; inserted: number; duplicates: number; rejected: number },
  rejects: string | null,
): Promise<ImportRow | undefined> {
  return first(
    tx
      .update(imports)
      .set({
        rowsRead: sql`${imports.rowsRead} + ${add.rowsRead}`,
        inserted: sql`${imports.inserted} + ${add.inserted}`,
        duplicates: sql`${imports.duplicates} + ${add.duplicates}`,
        rejected: sql`${imports.rejected} + ${add.rejected}`,
        batches: sql`${imports.batches} + 1`,
        ...(rejects === null ? {} : { rejects }),
      })
      .where(eq(imports.id, id))
      .returning(),
  );
}
