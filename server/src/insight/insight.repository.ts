import { and, asc, eq, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { feedback } from '../feedback/feedback.table.js';
import { actions } from '../action/action.table.js';
import { feedbackSignatures } from './insight.table.js';
import { encodeSignature, signatureOf } from './insight.rules.js';

/**
 * Indexes one newly recorded item inside the transaction that records it: one signature row
 * (about 20 µs of hashing for a typical item, and one insert).
 */
export function indexFeedback(tx: Db, row: { id: string; text: string }): void {
  tx.insert(feedbackSignatures)
    .values({ feedbackId: row.id, signature: encodeSignature(signatureOf(row.text)) })
    .onConflictDoNothing()
    .run();
}

/** The highest feedback rowid: when it passes the catch-up's mark, rows arrived without a signature. */
export function lastFeedbackRowid(db: Db): number {
  return db.get<{ n: number | null }>(sql`SELECT max(rowid) AS n FROM ${feedback}`)?.n ?? 0;
}

/** Up to `limit` items after rowid `after` that have no signature yet, oldest rowid first. */
export function unindexedFeedback(db: Db, after: number, upTo: number, limit: number): { rowid: number; id: string; text: string }[] {
  return db.all<{ rowid: number; id: string; text: string }>(sql`
    SELECT f.rowid AS rowid, f.id AS id, f.text AS text FROM ${feedback} f
    WHERE f.rowid > ${after} AND f.rowid <= ${upTo}
      AND NOT EXISTS (SELECT 1 FROM ${feedbackSignatures} s WHERE s.feedback_id = f.id)
    ORDER BY f.rowid LIMIT ${limit}`);
}

/** Writes signatures computed outside the transaction; rows another writer got to first are kept. */
export function insertSignatures(tx: Db, rows: readonly { feedbackId: string; signature: Buffer }[]): void {
  // 2 parameters a row, well under SQLite's 32,766.
  for (let i = 0; i < rows.length; i += 500)
    tx.insert(feedbackSignatures)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing()
      .run();
}

export interface SignatureRow {
  seq: number;
  feedbackId: string;
  signature: Buffer;
  branchId: string;
  receivedAt: number;
}

/** Signature rows after `seq`, with what never changes about their item (branch, time received). */
export function signaturesAfter(db: Db, seq: number, limit: number): SignatureRow[] {
  return db.all<SignatureRow>(sql`
    SELECT s.seq AS seq, s.feedback_id AS feedbackId, s.signature AS signature, f.branch_id AS branchId, f.received_at AS receivedAt
    FROM ${feedbackSignatures} s JOIN ${feedback} f ON f.id = s.feedback_id
    WHERE s.seq > ${seq} ORDER BY s.seq LIMIT ${limit}`);
}

export interface CandidateQuery {
  from: Date;
  /** Null: no end. */
  to: Date | null;
  categoryId: string | null;
  /** The viewer's branches; null: all. */
  branchIds: readonly string[] | null;
}

export interface CandidateRow {
  id: string;
  receivedAt: number;
  branchId: string;
  categoryId: string;
  customerRef: string | null;
}

/**
 * What may make a candidate problem: problems and suggestions not attached to any problem,
 * received in [from, to), oldest first (then by id, so that grouping sees one order). Praise is left out: it is not a problem to work on.
 */
export function groupingCandidates(db: Db, q: CandidateQuery): CandidateRow[] {
  const conds: (SQL | undefined)[] = [
    isNull(feedback.problemId),
    ne(feedback.kind, 'PRAISE'),
    gte(feedback.receivedAt, q.from),
    q.to ? lt(feedback.receivedAt, q.to) : undefined,
  ];
  if (q.categoryId) conds.push(eq(feedback.categoryId, q.categoryId));
  if (q.branchIds) conds.push(q.branchIds.length ? inArray(feedback.branchId, [...q.branchIds]) : sql`0`);
  return db
    .select({
      id: feedback.id,
      receivedAt: sql<number>`${feedback.receivedAt}`,
      branchId: feedback.branchId,
      categoryId: feedback.categoryId,
      customerRef: feedback.customerRef,
    })
    .from(feedback)
    .where(and(...conds))
    .orderBy(asc(feedback.receivedAt), asc(feedback.id))
    .all();
}

/** The ids of a problem's own feedback. */
export function feedbackIdsOfProblem(db: Db, problemId: string): string[] {
  return db
    .select({ id: feedback.id })
    .from(feedback)
    .where(eq(feedback.problemId, problemId))
    .all()
    .map((r) => r.id);
}

/** A problem's linkage actions: whether each is confirmed, and when. */
export function actionConfirmations(db: Db, problemId: string): { status: string; confirmedAt: number | null }[] {
  return db
    .select({ status: actions.status, confirmedAt: sql<number | null>`${actions.confirmedAt}` })
    .from(actions)
    .where(eq(actions.problemId, problemId))
    .all();
}

/** Texts of some items, for labels. */
export function textsOf(db: Db, ids: readonly string[]): Map<string, { text: string; recordedBy: string | null }> {
  const out = new Map<string, { text: string; recordedBy: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select({ id: feedback.id, text: feedback.text, recordedBy: feedback.recordedBy })
      .from(feedback)
      .where(inArray(feedback.id, ids.slice(i, i + 500)))
      .all();
    for (const r of rows) out.set(r.id, { text: r.text, recordedBy: r.recordedBy });
  }
  return out;
}
