import { eq, sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { addToCube } from '../report/cube.repository.js';
import { FEEDBACK_CUBE } from '../report/rollup.repository.js';
import { newId } from '../core/ids.js';
import { feedback } from '../feedback/feedback.table.js';
import { contactRecords } from '../kpi/contact.table.js';
import { branches, categories, products } from '../org/org.table.js';
import { imports, importKeys, type ImportKindCode } from './import.table.js';
import type { ContactImportRow, FeedbackImportRow, Lookups } from './import.rules.js';

export type ImportRow = typeof imports.$inferSelect;

// Rows per INSERT statement: 12 columns × 400 rows stays far below SQLite's 32,766 parameters.
const CHUNK = 400;

export const findImport = (db: Db, id: string): ImportRow | undefined => db.select().from(imports).where(eq(imports.id, id)).get();

/**
 * Claims the source keys of a batch: inserts those not imported before and answers them. A key
 * already there (an earlier import, or a repeat within this file) is a duplicate.
 */
function claimKeys(tx: Db, kind: ImportKindCode, importId: string, keys: readonly string[]): Set<string> {
  const fresh = new Set<string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = tx
      .insert(importKeys)
      .values(keys.slice(i, i + CHUNK).map((key) => ({ kind, key, importId })))
      .onConflictDoNothing()
      .returning({ key: importKeys.key })
      .all();
    for (const r of rows) fresh.add(r.key);
  }
  return fresh;
}

/** Writes the batch's new feedback; answers how many were new. Feedback keeps `rowid` order, which the rollup increment relies on. */
export function insertFeedbackBatch(tx: Db, importId: string, rows: readonly FeedbackImportRow[], recordedBy: string, at: Date): number {
  const fresh = claimKeys(
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
  for (let i = 0; i < values.length; i += CHUNK)
    tx.insert(feedback)
      .values(values.slice(i, i + CHUNK))
      .run();
  return values.length;
}

/** Writes the batch's new contact records; answers how many were new. */
export function insertContactBatch(tx: Db, importId: string, rows: readonly ContactImportRow[]): number {
  const fresh = claimKeys(
    tx,
    'CONTACTS',
    importId,
    rows.map((r) => r.key),
  );
  const values = rows
    .filter((r) => fresh.delete(r.key))
    .map(({ key: _key, offeredAt, ...r }) => ({ ...r, offeredAt: new Date(offeredAt) }));
  for (let i = 0; i < values.length; i += CHUNK)
    tx.insert(contactRecords)
      .values(values.slice(i, i + CHUNK))
      .run();
  return values.length;
}

export const maxFeedbackRowid = (db: Db): number => db.get<{ n: number }>(sql`SELECT coalesce(max(rowid), 0) AS n FROM feedback`)?.n ?? 0;
/** Counts the feedback a batch added (every rowid after `rowidBefore`) into the report rollups, in the batch's transaction. */
export function addFeedbackBatchToRollups(tx: Db, rowidBefore: number): void {
  addToCube(tx, FEEDBACK_CUBE, sql`f.rowid > ${rowidBefore}`);
}

export const maxContactId = (db: Db): number => db.get<{ n: number }>(sql`SELECT coalesce(max(id), 0) AS n FROM contact_records`)?.n ?? 0;

/** Branches, categories and products by upper-cased code and by id. */
export function loadLookups(db: Db, now: number): Lookups {
  const map = (rows: { id: string; code: string }[]) =>
    new Map(rows.flatMap((r) => [[r.code.toUpperCase(), r.id] as const, [r.id, r.id] as const]));
  return {
    branches: map(db.select({ id: branches.id, code: branches.code }).from(branches).all()),
    categories: map(db.select({ id: categories.id, code: categories.code }).from(categories).all()),
    products: map(db.select({ id: products.id, code: products.code }).from(products).all()),
    now,
  };
}

export function insertImport(tx: Db, row: typeof imports.$inferInsert): ImportRow {
  return tx.insert(imports).values(row).returning().get();
}

export function updateImport(tx: Db, id: string, set: Partial<Omit<ImportRow, 'id'>>): ImportRow | undefined {
  return tx.update(imports).set(set).where(eq(imports.id, id)).returning().get();
}

/** Adds a batch's counts to an import, in the batch's transaction. */
export function countBatch(
  tx: Db,
  id: string,
  add: { rowsRead: number; inserted: number; duplicates: number; rejected: number },
  rejects: string | null,
): ImportRow | undefined {
  return tx
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
    .returning()
    .get();
}
