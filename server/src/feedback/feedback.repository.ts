import { and, desc, eq, inArray, isNull, gte, lt, or, sql, type SQL, count } from 'drizzle-orm';
import { feedback, idempotencyKeys } from './feedback.table.js';
import type { Db } from '../core/db.js';

export type FeedbackRow = typeof feedback.$inferSelect;

export interface FeedbackQuery {
  kinds?: readonly string[] | null;
  channels?: readonly string[] | null;
  categoryId?: string | null;
  /** Branch ids to restrict to (a subtree, already intersected with the viewer's scope). */
  branchIds?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
  unassigned?: boolean | null;
  search?: string | null;
  problemId?: string | null;
  recordedBy?: string | null;
}

/** Substring search: FTS5 trigram for 3+ characters, LIKE for shorter queries. */
export function searchCondition(rawSearch: string): SQL {
  // Control characters (NUL ends an FTS5 string) are never part of what people look for.
  const search = [...rawSearch].map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('');
  if ([...search].length >= 3) {
    const phrase = `"${search.replaceAll('"', '""')}"`;
    return sql`${feedback}.rowid IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ${phrase})`;
  }
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${feedback.text} LIKE ${pattern} ESCAPE '\\'`;
}

export function feedbackWhere(q: FeedbackQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (q.kinds?.length) conds.push(inArray(feedback.kind, q.kinds as FeedbackRow['kind'][]));
  if (q.channels?.length) conds.push(inArray(feedback.channel, q.channels as FeedbackRow['channel'][]));
  if (q.categoryId) conds.push(eq(feedback.categoryId, q.categoryId));
  if (q.branchIds) conds.push(inArray(feedback.branchId, [...q.branchIds]));
  if (q.from) conds.push(gte(feedback.receivedAt, q.from));
  if (q.to) conds.push(lt(feedback.receivedAt, q.to));
  if (q.unassigned === true) conds.push(isNull(feedback.problemId));
  if (q.unassigned === false) conds.push(sql`${feedback.problemId} IS NOT NULL`);
  if (q.problemId) conds.push(eq(feedback.problemId, q.problemId));
  if (q.recordedBy) conds.push(eq(feedback.recordedBy, q.recordedBy));
  if (q.search) conds.push(searchCondition(q.search));
  return conds.length ? and(...conds) : undefined;
}

/** A page ordered newest first, keyed by (receivedAt, id). */
export function pageFeedback(db: Db, q: FeedbackQuery, limit: number, after: [number, string] | null): FeedbackRow[] {
  const where = feedbackWhere(q);
  const keyset = after
    ? or(lt(feedback.receivedAt, new Date(after[0])), and(eq(feedback.receivedAt, new Date(after[0])), lt(feedback.id, after[1])))
    : undefined;
  return db.select().from(feedback).where(and(where, keyset)).orderBy(desc(feedback.receivedAt), desc(feedback.id)).limit(limit).all();
}

export function countFeedback(db: Db, q: FeedbackQuery): number {
  return db.select({ n: count() }).from(feedback).where(feedbackWhere(q)).get()?.n ?? 0;
}

export const feedbackByIds = (db: Db, ids: readonly string[]): FeedbackRow[] =>
  ids.length
    ? db
        .select()
        .from(feedback)
        .where(inArray(feedback.id, [...ids]))
        .all()
    : [];

export function findIdempotencyKey(db: Db, key: string) {
  return db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).get();
}
