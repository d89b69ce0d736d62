import { and, desc, eq, inArray, isNull, gte, lt, or, sql, type SQL, count } from 'drizzle-orm';
import { feedback, idempotencyKeys } from './feedback.table.js';
import type { Db } from '../core/db.js';
import { dialectOf, first } from '../core/sql.js';

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
  /** Voided items too (a problem's list shows them struck through); everywhere else they are left out. */
  includeVoided?: boolean;
}

/** The search as it is looked for: control characters (NUL ends an FTS5 string) are never part of what people look for. */
export function normaliseSearch(rawSearch: string): string {
  return [...rawSearch].map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('');
}

/**
 * Substring search: FTS5 trigram for 3+ characters, LIKE for shorter queries. On PostgreSQL, ILIKE
 * (served by a pg_trgm GIN index on feedback.text) for any length.
 */
export function searchCondition(db: Db, rawSearch: string): SQL {
  const search = normaliseSearch(rawSearch);
  const pattern = () => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (dialectOf(db) === 'postgres') return sql`${feedback.text} ILIKE ${pattern()} ESCAPE '\\'`;
  if ([...search].length >= 3) {
    const phrase = `"${search.replaceAll('"', '""')}"`;
    return sql`${feedback}.rowid IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ${phrase})`;
  }
  return sql`${feedback.text} LIKE ${pattern()} ESCAPE '\\'`;
}

export function feedbackWhere(db: Db, q: FeedbackQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (!q.includeVoided) conds.push(isNull(feedback.voidedAt));
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
  if (q.search) conds.push(searchCondition(db, q.search));
  return conds.length ? and(...conds) : undefined;
}

/** A page ordered newest first, keyed by (receivedAt, id). */
export async function pageFeedback(db: Db, q: FeedbackQuery, limit: number, after: [number, string] | null): Promise<FeedbackRow[]> {
  const where = feedbackWhere(db, q);
  const keyset = after
    ? or(lt(feedback.receivedAt, new Date(after[0])), and(eq(feedback.receivedAt, new Date(after[0])), lt(feedback.id, after[1])))
    : undefined;
  return await db.select().from(feedback).where(and(where, keyset)).orderBy(desc(feedback.receivedAt), desc(feedback.id)).limit(limit);
}

/** What a search re-check needs of each match: the sort key, the text and who recorded it. */
export interface FeedbackText {
  id: string;
  receivedAt: Date;
  text: string;
  recordedBy: string | null;
}

/** A batch of matches, newest first after the keyset, with only the columns a re-check reads. */
export async function pageFeedbackTexts(db: Db, q: FeedbackQuery, limit: number, after: [number, string] | null): Promise<FeedbackText[]> {
  const keyset = after
    ? or(lt(feedback.receivedAt, new Date(after[0])), and(eq(feedback.receivedAt, new Date(after[0])), lt(feedback.id, after[1])))
    : undefined;
  return await db
    .select({ id: feedback.id, receivedAt: feedback.receivedAt, text: feedback.text, recordedBy: feedback.recordedBy })
    .from(feedback)
    .where(and(feedbackWhere(db, q), keyset))
    .orderBy(desc(feedback.receivedAt), desc(feedback.id))
    .limit(limit);
}

export async function countFeedback(db: Db, q: FeedbackQuery): Promise<number> {
  return (await first(db.select({ n: count() }).from(feedback).where(feedbackWhere(db, q))))?.n ?? 0;
}

export const feedbackByIds = async (db: Db, ids: readonly string[]): Promise<FeedbackRow[]> =>
  ids.length
    ? await db
        .select()
        .from(feedback)
        .where(inArray(feedback.id, [...ids]))
    : [];

export function findIdempotencyKey(db: Db, key: string) {
  return first(db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)));
}
