import { and, asc, count, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { complaintCases, complaintCodes, complaintExtensions } from './complaint.table.js';

export type ComplaintRow = typeof complaintCases.$inferSelect;
export type ComplaintCodeRow = typeof complaintCodes.$inferSelect;
export type ComplaintExtensionRow = typeof complaintExtensions.$inferSelect;

export interface ComplaintQuery {
  statuses?: readonly ComplaintRow['status'][] | null;
  branchIds?: readonly string[] | null;
  problemId?: string | null;
}

export function complaintWhere(q: ComplaintQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
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

export async function countComplaints(db: Db, q: ComplaintQuery): Promise<number> {
  return (await first(db.select({ n: count() }).from(complaintCases).where(complaintWhere(q))))?.n ?? 0;
}

export const findComplaint = (db: Db, id: string): Promise<ComplaintRow | undefined> =>
  first(db.select().from(complaintCases).where(eq(complaintCases.id, id)));

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
