import { and, asc, count, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ComplaintFact } from '../report/index.js';
import type { Db } from '../core/db.js';
import { first, rows as rowsOf } from '../core/sql.js';
import { unmarked } from '../deadline/index.js';
import { complaintCases, complaintCodes, complaintExtensions } from './complaint.table.js';

export type ComplaintRow = typeof complaintCases.$inferSelect;
export type ComplaintCodeRow = typeof complaintCodes.$inferSelect;
export type ComplaintExtensionRow = typeof complaintExtensions.$inferSelect;

export interface ComplaintQuery {
  statuses?: readonly ComplaintRow['status'][] | null;
  branchIds?: readonly string[] | null;
  problemId?: string | null;
  /** Only cases whose running limit has passed at this instant. */
  overdueAt?: number | null;
}

export function complaintWhere(q: ComplaintQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (q.overdueAt != null) conds.push(lt(complaintCases.runningDueAt, new Date(q.overdueAt)));
  if (q.statuses?.length) conds.push(inArray(complaintCases.status, [...q.statuses]));
  if (q.branchIds) conds.push(inArray(complaintCases.branchId, [...q.branchIds]));
  if (q.problemId) conds.push(eq(complaintCases.problemId, q.problemId));
  return conds.length ? and(...conds) : undefined;
}

/** Fewest days left first, keyed by (dueAt, id). */
export async function pageComplaints(db: Db, q: ComplaintQuery, limit: number, after: [number, string] | null): Promise<ComplaintRow[]> {
  const keyset = after
    ? or(gt(complaintCases.dueAt, new Date(after[0])), and(eq(complaintCases.dueAt, new Date(after[0])), gt(complaintCases.id, after[1])))
    : undefined;
  return await db
    .select()
    .from(complaintCases)
    .where(and(complaintWhere(q), keyset))
    .orderBy(asc(complaintCases.dueAt), asc(complaintCases.id))
    .limit(limit);
}

// No running limit sorts after every real instant.
const NO_LIMIT = 8_640_000_000_000_000;
const runningKey = sql<number>`coalesce(${complaintCases.runningDueAt}, ${NO_LIMIT})`;

/** The running-limit key a case sorts by in DAYS_LEFT order. */
export const runningKeyOf = (c: ComplaintRow): number => c.runningDueAt?.getTime() ?? NO_LIMIT;

/**
 * Fewest days left on the running limit first (overdue first), cases with none last, keyed by
 * (running due date, id).
 */
export async function pageComplaintsByDaysLeft(
  db: Db,
  q: ComplaintQuery,
  limit: number,
  after: [number, string] | null,
): Promise<ComplaintRow[]> {
  const keyset = after
    ? sql`(${runningKey} > ${after[0]} OR (${runningKey} = ${after[0]} AND ${complaintCases.id} > ${after[1]}))`
    : undefined;
  return await db
    .select()
    .from(complaintCases)
    .where(and(complaintWhere(q), keyset))
    .orderBy(asc(runningKey), asc(complaintCases.id))
    .limit(limit);
}

export async function countComplaints(db: Db, q: ComplaintQuery): Promise<number> {
  return (await first(db.select({ n: count() }).from(complaintCases).where(complaintWhere(q))))?.n ?? 0;
}

export const findComplaint = (db: Db, id: string): Promise<ComplaintRow | undefined> =>
  first(db.select().from(complaintCases).where(eq(complaintCases.id, id)));

/** Several cases in one query (the callback queue's complaint cases, per request). */
export const complaintsByIds = async (db: Db, ids: readonly string[]): Promise<ComplaintRow[]> =>
  ids.length
    ? await db
        .select()
        .from(complaintCases)
        .where(inArray(complaintCases.id, [...ids]))
    : [];

export const findComplaintCode = (db: Db, axis: ComplaintCodeRow['axis'], code: string): Promise<ComplaintCodeRow | undefined> =>
  first(
    db
      .select()
      .from(complaintCodes)
      .where(and(eq(complaintCodes.axis, axis), eq(complaintCodes.code, code))),
  );

export const listComplaintCodes = async (db: Db, axis?: ComplaintCodeRow['axis'] | null): Promise<ComplaintCodeRow[]> =>
  await db
    .select()
    .from(complaintCodes)
    .where(axis ? eq(complaintCodes.axis, axis) : undefined)
    .orderBy(asc(complaintCodes.axis), asc(complaintCodes.position));

/** The extensions of several cases in one query, for the per-request loader. */
export const extensionsOfComplaints = async (db: Db, caseIds: readonly string[]): Promise<ComplaintExtensionRow[]> =>
  caseIds.length
    ? await db
        .select()
        .from(complaintExtensions)
        .where(inArray(complaintExtensions.caseId, [...caseIds]))
        .orderBy(asc(complaintExtensions.caseId), asc(complaintExtensions.ordinal))
    : [];

export interface ComplaintDeadlineCandidate {
  id: string;
  branchId: string;
  status: ComplaintRow['status'];
  due: number;
  said: Set<'COMPLAINT_DUE_SOON' | 'COMPLAINT_OVERDUE' | 'COMPLAINT_ESCALATED'>;
}

/** The deadline mark's kind of a case's running limit: `<event>:DECISION` or `<event>:REVIEW`. */
export const complaintMarkKind = (event: string, status: string): string =>
  `${event}:${status === 'REVIEW_REQUESTED' ? 'REVIEW' : 'DECISION'}`;

/**
 * Cases whose running limit may owe a deadline event not said yet: due before `soonBefore` and not
 * passed (due soon), passed (overdue), or passed before `escalateBefore` (escalation). A cheap
 * superset, read by the running-limit index; complaint.rules complaintDeadlinesOwed decides.
 */
export async function complaintDeadlineCandidates(
  db: Db,
  now: number,
  soonBefore: number | null,
  escalateBefore: number | null,
  limit: number,
): Promise<ComplaintDeadlineCandidate[]> {
  const kind = (event: string) =>
    sql`${sql.raw(`'${event}:'`)} || CASE WHEN c.status = 'REVIEW_REQUESTED' THEN 'REVIEW' ELSE 'DECISION' END`;
  const open = (event: string) => unmarked(kind(event), sql`c.id`, sql`c.running_due_at`);
  const soon =
    soonBefore === null
      ? sql``
      : sql` OR (c.running_due_at >= ${now} AND c.running_due_at < ${soonBefore} AND ${open('COMPLAINT_DUE_SOON')})`;
  const escalation = escalateBefore === null ? sql`` : sql` OR (c.running_due_at < ${escalateBefore} AND ${open('COMPLAINT_ESCALATED')})`;
  const found = await rowsOf<{
    id: string;
    branch_id: string;
    status: ComplaintRow['status'];
    due: number;
    // 0/1 on SQLite, a boolean on PostgreSQL.
    soon: number | boolean;
    overdue: number | boolean;
    escalated: number | boolean;
  }>(
    db,
    sql`SELECT c.id, c.branch_id, c.status, c.running_due_at AS due,
      ${open('COMPLAINT_DUE_SOON')} AS soon, ${open('COMPLAINT_OVERDUE')} AS overdue, ${open('COMPLAINT_ESCALATED')} AS escalated
    FROM complaint_cases c
    WHERE c.running_due_at IS NOT NULL AND ((c.running_due_at < ${now} AND ${open('COMPLAINT_OVERDUE')})${soon}${escalation})
    ORDER BY c.running_due_at, c.id LIMIT ${limit}`,
  );
  return found.map((r) => {
    const said: ComplaintDeadlineCandidate['said'] = new Set();
    if (Number(r.soon) !== 1) said.add('COMPLAINT_DUE_SOON');
    if (Number(r.overdue) !== 1) said.add('COMPLAINT_OVERDUE');
    if (Number(r.escalated) !== 1) said.add('COMPLAINT_ESCALATED');
    return { id: r.id, branchId: r.branch_id, status: r.status, due: Number(r.due), said };
  });
}

/** The handler of a case, for the deadline notifications; null when none is assigned or the case is missing. */
export async function complaintHandlerId(db: Db, caseId: string): Promise<string | null> {
  return (await first(db.select({ h: complaintCases.handlerId }).from(complaintCases).where(eq(complaintCases.id, caseId))))?.h ?? null;
}

/** The cases received in [from, to) at these branches (null: all), for the regulatory statistics. */
export async function complaintsReceivedIn(db: Db, from: Date, to: Date, branchIds: readonly string[] | null): Promise<ComplaintRow[]> {
  return await db
    .select()
    .from(complaintCases)
    .where(
      and(
        gte(complaintCases.receivedAt, from),
        lt(complaintCases.receivedAt, to),
        branchIds ? inArray(complaintCases.branchId, [...branchIds]) : undefined,
      ),
    )
    .orderBy(asc(complaintCases.receivedAt), asc(complaintCases.id));
}

/**
 * Every complaint case at the given branches (null: all), as the branch league table counts them:
 * the branch complained about, when received, the limit running now, and its three codes with
 * their names. Read whole: a bank's complaint cases are thousands a quarter.
 */
export async function complaintLeagueFacts(db: Db, branchIds: readonly string[] | null): Promise<ComplaintFact[]> {
  if (branchIds && !branchIds.length) return [];
  const found = await db
    .select({
      branchId: complaintCases.branchId,
      receivedAt: complaintCases.receivedAt,
      runningDueAt: complaintCases.runningDueAt,
      channelCode: complaintCases.channelCode,
      businessCode: complaintCases.businessCode,
      causeCode: complaintCases.causeCode,
    })
    .from(complaintCases)
    .where(branchIds ? inArray(complaintCases.branchId, [...branchIds]) : undefined);
  const names = found.length ? new Map((await listComplaintCodes(db)).map((c) => [`${c.axis}:${c.code}`, c.name])) : new Map();
  const name = (axis: string, code: string): string => names.get(`${axis}:${code}`) ?? code;
  return found.map((c) => ({
    branchId: c.branchId,
    receivedAt: c.receivedAt.getTime(),
    runningDueAt: c.runningDueAt?.getTime() ?? null,
    code: {
      channelCode: c.channelCode,
      channelName: name('CHANNEL', c.channelCode),
      businessCode: c.businessCode,
      businessName: name('BUSINESS', c.businessCode),
      causeCode: c.causeCode,
      causeName: name('CAUSE', c.causeCode),
    },
  }));
}
