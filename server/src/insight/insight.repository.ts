import { and, asc, eq, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { exec, first, pick, row, rows } from '../core/sql.js';
import { feedback } from '../feedback/index.js';
import { actions } from '../loop/index.js';
import { feedbackFeatures } from './insight.table.js';
import { encodeFeatures, featuresOf } from './insight.rules.js';

/**
 * Indexes one newly recorded item inside the transaction that records it: one row of its
 * features (about 10 µs of hashing for a typical item, and one insert).
 */
export async function indexFeedback(tx: Db, item: { id: string; text: string }): Promise<void> {
  await tx
    .insert(feedbackFeatures)
    .values({ feedbackId: item.id, features: encodeFeatures(featuresOf(item.text)) })
    .onConflictDoNothing();
}

/**
 * Stores a corrected or voided item's features again under a new `seq` (as replaceStaleFeatures
 * does), so that every process's cache re-reads it: with the corrected text, branch and time, or,
 * voided, drops it.
 */
export async function reindexCorrectedFeedback(tx: Db, item: { id: string; text: string }): Promise<void> {
  const nextSeq = pick(tx, {
    sqlite: sql`(SELECT max(seq) FROM ${feedbackFeatures}) + 1`,
    postgres: sql`nextval(pg_get_serial_sequence('feedback_features', 'seq'))`,
  });
  const features = encodeFeatures(featuresOf(item.text));
  const changed = await exec(
    tx,
    sql`UPDATE ${feedbackFeatures} SET features = ${features}, seq = ${nextSeq} WHERE feedback_id = ${item.id}`,
  );
  if (!changed) await indexFeedback(tx, item);
}

/** A recorded item's text, for an index write whose writer did not hand it over. */
export async function recordedText(db: Db, id: string): Promise<string | undefined> {
  return (await first(db.select({ text: feedback.text }).from(feedback).where(eq(feedback.id, id))))?.text;
}

/** The highest feedback rowid: when it passes the catch-up's mark, rows arrived without features. */
export async function lastFeedbackRowid(db: Db): Promise<number> {
  return (await row<{ n: number | null }>(db, sql`SELECT max(rowid) AS n FROM ${feedback}`))?.n ?? 0;
}

/** Up to `limit` items after rowid `after` that have no row of features yet, oldest rowid first. */
export async function unindexedFeedback(
  db: Db,
  after: number,
  upTo: number,
  limit: number,
): Promise<{ rowid: number; id: string; text: string }[]> {
  return rows<{ rowid: number; id: string; text: string }>(
    db,
    sql`
    SELECT f.rowid AS rowid, f.id AS id, f.text AS text FROM ${feedback} f
    WHERE f.rowid > ${after} AND f.rowid <= ${upTo}
      AND NOT EXISTS (SELECT 1 FROM ${feedbackFeatures} s WHERE s.feedback_id = f.id)
    ORDER BY f.rowid LIMIT ${limit}`,
  );
}

/** Writes features computed outside the transaction; rows another writer got to first are kept. */
export async function insertFeatures(tx: Db, signed: readonly { feedbackId: string; features: Buffer }[]): Promise<void> {
  // 2 parameters a row, well under SQLite's 32,766.
  for (let i = 0; i < signed.length; i += 500)
    await tx
      .insert(feedbackFeatures)
      .values(signed.slice(i, i + 500))
      .onConflictDoNothing();
}

/**
 * Replaces rows stored in an older format (a MinHash signature: a multiple of 4 bytes, where a
 * feature row is 1 + 4k) with the features given, under a new `seq`, so that every process's cache
 * reads them after the last `seq` it saw (a delete and insert would not do on SQLite, which gives
 * the highest rowid again once it is deleted). A row another process already replaced is left alone.
 */
export async function replaceStaleFeatures(tx: Db, signed: readonly { feedbackId: string; features: Buffer }[]): Promise<void> {
  const nextSeq = pick(tx, {
    sqlite: sql`(SELECT max(seq) FROM ${feedbackFeatures}) + 1`,
    postgres: sql`nextval(pg_get_serial_sequence('feedback_features', 'seq'))`,
  });
  for (const s of signed)
    await exec(
      tx,
      sql`UPDATE ${feedbackFeatures} SET features = ${s.features}, seq = ${nextSeq}
      WHERE feedback_id = ${s.feedbackId} AND length(features) % 4 = 0`,
    );
}

export interface FeatureRow {
  seq: number;
  feedbackId: string;
  features: Buffer;
  branchId: string;
  receivedAt: number;
  /** 1 when the item was voided: it leaves the cache. */
  voided: number;
}

/**
 * Feature rows after `seq`, with their item's branch and time received (a correction that changes
 * them stores the row again under a new seq: reindexCorrectedFeedback).
 */
export async function featuresAfter(db: Db, seq: number, limit: number): Promise<FeatureRow[]> {
  return rows<FeatureRow>(
    db,
    sql`
    SELECT s.seq AS seq, s.feedback_id AS "feedbackId", s.features AS features, f.branch_id AS "branchId", f.received_at AS "receivedAt",
      CASE WHEN f.voided_at IS NULL THEN 0 ELSE 1 END AS voided
    FROM ${feedbackFeatures} s JOIN ${feedback} f ON f.id = s.feedback_id
    WHERE s.seq > ${seq} ORDER BY s.seq LIMIT ${limit}`,
  );
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
export async function groupingCandidates(db: Db, q: CandidateQuery): Promise<CandidateRow[]> {
  const conds: (SQL | undefined)[] = [
    isNull(feedback.problemId),
    isNull(feedback.voidedAt),
    ne(feedback.kind, 'PRAISE'),
    gte(feedback.receivedAt, q.from),
    q.to ? lt(feedback.receivedAt, q.to) : undefined,
  ];
  if (q.categoryId) conds.push(eq(feedback.categoryId, q.categoryId));
  if (q.branchIds)
    conds.push(q.branchIds.length ? inArray(feedback.branchId, [...q.branchIds]) : pick(db, { sqlite: sql`0`, postgres: sql`false` }));
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
    .orderBy(asc(feedback.receivedAt), asc(feedback.id));
}

/** The ids of a problem's own feedback. */
export async function feedbackIdsOfProblem(db: Db, problemId: string): Promise<string[]> {
  return (await db.select({ id: feedback.id }).from(feedback).where(eq(feedback.problemId, problemId))).map((r) => r.id);
}

/** A problem's linkage actions: whether each is confirmed, and when. */
export async function actionConfirmations(db: Db, problemId: string): Promise<{ status: string; confirmedAt: number | null }[]> {
  return db
    .select({ status: actions.status, confirmedAt: sql<number | null>`${actions.confirmedAt}` })
    .from(actions)
    .where(eq(actions.problemId, problemId));
}

/** Texts of some items, for labels. */
export async function textsOf(db: Db, ids: readonly string[]): Promise<Map<string, { text: string; recordedBy: string | null }>> {
  const out = new Map<string, { text: string; recordedBy: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .select({ id: feedback.id, text: feedback.text, recordedBy: feedback.recordedBy })
      .from(feedback)
      .where(inArray(feedback.id, ids.slice(i, i + 500)));
    for (const r of found) out.set(r.id, { text: r.text, recordedBy: r.recordedBy });
  }
  return out;
}
