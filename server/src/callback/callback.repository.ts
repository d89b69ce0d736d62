import { and, asc, count, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first, rows } from '../core/sql.js';
import { feedback } from '../feedback/index.js';
import { complaintCases } from '../complaint/index.js';
import { unmarked } from '../deadline/index.js';
import { callbackAttempts, callbacks } from './callback.table.js';
import { callbackRates, type CallbackCounts, type CallbackStatusCode } from './callback.rules.js';

export type CallbackRow = typeof callbacks.$inferSelect;
export type CallbackAttemptRow = typeof callbackAttempts.$inferSelect;

export interface CallbackQuery {
  statuses?: readonly CallbackStatusCode[] | null;
  /** Null: every branch. */
  branchIds?: readonly string[] | null;
  problemId?: string | null;
}

function callbackWhere(q: CallbackQuery): SQL | undefined {
  return and(
    q.statuses?.length ? inArray(callbacks.status, [...q.statuses]) : undefined,
    q.branchIds ? (q.branchIds.length ? inArray(callbacks.branchId, [...q.branchIds]) : sql`1 = 0`) : undefined,
    q.problemId ? eq(callbacks.problemId, q.problemId) : undefined,
  );
}

/** The queue: oldest first (created, then id), after the keyset `after`. */
export function pageCallbacks(db: Db, q: CallbackQuery, limit: number, after: [number, string] | null): Promise<CallbackRow[]> {
  const keyset = after
    ? or(gt(callbacks.createdAt, new Date(after[0])), and(eq(callbacks.createdAt, new Date(after[0])), gt(callbacks.id, after[1])))
    : undefined;
  return db
    .select()
    .from(callbacks)
    .where(and(callbackWhere(q), keyset))
    .orderBy(asc(callbacks.createdAt), asc(callbacks.id))
    .limit(limit);
}

export async function countCallbacks(db: Db, q: CallbackQuery): Promise<number> {
  return (await first(db.select({ n: count() }).from(callbacks).where(callbackWhere(q))))?.n ?? 0;
}

export const findCallback = (db: Db, id: string): Promise<CallbackRow | undefined> =>
  first(db.select().from(callbacks).where(eq(callbacks.id, id)));

export function attemptsOfCallbacks(db: Db, ids: readonly string[]): Promise<CallbackAttemptRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select()
    .from(callbackAttempts)
    .where(inArray(callbackAttempts.callbackId, [...ids]))
    .orderBy(asc(callbackAttempts.id));
}

/** The customer keys of a problem's open callbacks. */
export async function openCustomerKeys(db: Db, problemId: string): Promise<Set<string>> {
  const found = await db
    .select({ key: callbacks.customerKey })
    .from(callbacks)
    .where(and(eq(callbacks.problemId, problemId), eq(callbacks.status, 'OPEN')));
  return new Set(found.map((r) => r.key));
}

/**
 * The feedback items and complaint cases a problem holds, as the records that may stand for its
 * customers. A voided item stands for no one: it was recorded by mistake, so nobody is called back on it.
 */
export async function recordsOfProblem(db: Db, problemId: string) {
  const items = await db
    .select({ id: feedback.id, customerRef: feedback.customerRef, branchId: feedback.branchId, at: feedback.receivedAt })
    .from(feedback)
    .where(and(eq(feedback.problemId, problemId), isNull(feedback.voidedAt)));
  const cases = await db
    .select({
      id: complaintCases.id,
      customerRef: complaintCases.customerRef,
      branchId: complaintCases.branchId,
      feedbackId: complaintCases.feedbackId,
      at: complaintCases.receivedAt,
    })
    .from(complaintCases)
    .where(eq(complaintCases.problemId, problemId));
  return { items, cases };
}

/**
 * The callback KPIs' counts: callbacks closed in [from, to) (null: unbounded) at the given branches
 * (null: all), straight from the rows (a callback closes once).
 */
export async function callbackCounts(
  db: Db,
  q: { branchIds: readonly string[] | null; from: number | null; to: number | null },
): Promise<CallbackCounts> {
  const where = and(
    inArray(callbacks.status, ['COMPLETED', 'UNREACHABLE']),
    q.branchIds ? (q.branchIds.length ? inArray(callbacks.branchId, [...q.branchIds]) : sql`1 = 0`) : undefined,
    q.from === null ? undefined : gte(callbacks.closedAt, new Date(q.from)),
    q.to === null ? undefined : lt(callbacks.closedAt, new Date(q.to)),
  );
  const found = await rows<{ status: string; verdict: string | null; n: number | string }>(
    db,
    sql`SELECT ${callbacks.status} AS status, ${callbacks.verdict} AS verdict, count(*) AS n FROM ${callbacks} WHERE ${where} GROUP BY ${callbacks.status}, ${callbacks.verdict}`,
  );
  const c: CallbackCounts = { closed: 0, reached: 0, unreachable: 0, satisfied: 0, partly: 0, notSatisfied: 0 };
  for (const r of found) {
    const n = Number(r.n);
    c.closed += n;
    if (r.status === 'UNREACHABLE') c.unreachable += n;
    else {
      c.reached += n;
      if (r.verdict === 'SATISFIED') c.satisfied += n;
      else if (r.verdict === 'PARTLY') c.partly += n;
      else if (r.verdict === 'NOT_SATISFIED') c.notSatisfied += n;
    }
  }
  return c;
}

/** The callback KPIs (counts and rates) of callbacks closed in [from, to) at the given branches (null: all). */
export async function callbackKpisOf(
  db: Db,
  q: { branchIds: readonly string[] | null; from: number | null; to: number | null },
): Promise<CallbackCounts & ReturnType<typeof callbackRates>> {
  const counts = await callbackCounts(db, q);
  return { ...counts, ...callbackRates(counts) };
}

export interface CallbackDeadlineCandidate {
  id: string;
  problemId: string;
  complaintId: string | null;
  branchId: string;
  due: number;
  said: Set<'CALLBACK_DUE_SOON' | 'CALLBACK_OVERDUE'>;
}

/**
 * Open callbacks whose due date may owe a deadline event not said yet: passed (overdue) or at or
 * before `soonUntil` (due soon). Closed callbacks never qualify. callback.rules
 * callbackDeadlinesOwed decides; marks are keyed by the due date, so a new due date re-arms them.
 */
export async function callbackDeadlineCandidates(
  db: Db,
  now: number,
  soonUntil: number | null,
  limit: number,
): Promise<CallbackDeadlineCandidate[]> {
  const open = (kind: string) => unmarked(kind, sql`c.id`, sql`c.due_at`);
  const soon = soonUntil === null ? sql`` : sql` OR (c.due_at >= ${now} AND c.due_at <= ${soonUntil} AND ${open('CALLBACK_DUE_SOON')})`;
  const found = await rows<{
    id: string;
    problem_id: string;
    complaint_id: string | null;
    branch_id: string;
    due: number;
    // 0/1 on SQLite, a boolean on PostgreSQL.
    soon: number | boolean;
    overdue: number | boolean;
  }>(
    db,
    sql`SELECT c.id, c.problem_id, c.complaint_id, c.branch_id, c.due_at AS due,
      ${open('CALLBACK_DUE_SOON')} AS soon, ${open('CALLBACK_OVERDUE')} AS overdue
    FROM callbacks c
    WHERE c.status = 'OPEN' AND ((c.due_at < ${now} AND ${open('CALLBACK_OVERDUE')})${soon})
    ORDER BY c.due_at, c.id LIMIT ${limit}`,
  );
  return found.map((r) => {
    const said = new Set<'CALLBACK_DUE_SOON' | 'CALLBACK_OVERDUE'>();
    if (Number(r.soon) !== 1) said.add('CALLBACK_DUE_SOON');
    if (Number(r.overdue) !== 1) said.add('CALLBACK_OVERDUE');
    return { id: r.id, problemId: r.problem_id, complaintId: r.complaint_id, branchId: r.branch_id, due: Number(r.due), said };
  });
}

/** The agent working a callback, if one has taken it. */
export async function callbackAssigneeId(db: Db, callbackId: string): Promise<string | null> {
  return (await first(db.select({ id: callbacks.assigneeId }).from(callbacks).where(eq(callbacks.id, callbackId))))?.id ?? null;
}
