import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { actions } from '../action/action.table.js';
import { problems } from '../problem/problem.table.js';
import { consultations } from '../consultation/consultation.table.js';
import type { ActionRow } from '../action/action.repository.js';
import type { ProblemRow } from '../problem/problem.repository.js';

/** Unconfirmed actions matching `owner` (a branch subtree or a department), soonest due first. */
export function openActionsWhere(db: Db, owner: SQL | undefined): ActionRow[] {
  return db
    .select()
    .from(actions)
    .where(and(ne(actions.status, 'CONFIRMED'), owner))
    .orderBy(asc(actions.dueAt), asc(actions.id))
    .all();
}

export const ownedByBranches = (branchIds: readonly string[]): SQL =>
  branchIds.length ? inArray(actions.branchId, [...branchIds]) : sql`0`;
export const ownedByDepartment = (departmentId: string): SQL => eq(actions.departmentId, departmentId);

/** Actions in a status, oldest change first. */
export const actionsInStatus = (db: Db, status: ActionRow['status']): ActionRow[] =>
  db.select().from(actions).where(eq(actions.status, status)).orderBy(asc(actions.updatedAt), asc(actions.id)).all();

/** Actions whose latest extension request waits for a decision. */
export const actionsWithPendingExtension = (db: Db): ActionRow[] =>
  db
    .select()
    .from(actions)
    .where(sql`(SELECT e.decision FROM extension_requests e WHERE e.action_id = ${actions.id} ORDER BY e.id DESC LIMIT 1) = 'PENDING'`)
    .orderBy(asc(actions.dueAt), asc(actions.id))
    .all();

export type StageProblemRow = ProblemRow & { consultationDueAt: Date | null };

/** Problems in the given statuses, with their consultation's own due date. */
export function problemsInStatuses(db: Db, statuses: readonly ProblemRow['status'][]): StageProblemRow[] {
  if (!statuses.length) return [];
  return db
    .select({ problem: problems, consultationDueAt: consultations.dueAt })
    .from(problems)
    .leftJoin(consultations, eq(consultations.problemId, problems.id))
    .where(inArray(problems.status, [...statuses]))
    .orderBy(asc(problems.updatedAt), asc(problems.id))
    .all()
    .map((r) => ({ ...r.problem, consultationDueAt: r.consultationDueAt }));
}

/** Problems in consultation where this expert is invited and has not given an opinion. */
export const consultationsAwaitingOpinion = (db: Db, expertId: string): ProblemRow[] =>
  db
    .select()
    .from(problems)
    .where(
      and(
        eq(problems.status, 'IN_CONSULTATION'),
        sql`EXISTS (SELECT 1 FROM consultation_experts x WHERE x.problem_id = ${problems.id} AND x.expert_id = ${expertId})`,
        sql`NOT EXISTS (SELECT 1 FROM opinions o WHERE o.problem_id = ${problems.id} AND o.expert_id = ${expertId})`,
      ),
    )
    .orderBy(asc(problems.updatedAt))
    .all();

/** Which of these problems have at least one expert opinion. */
export function problemsWithOpinions(db: Db, problemIds: readonly string[]): Set<string> {
  if (!problemIds.length) return new Set();
  const rows = db.all<{ id: string }>(
    sql`SELECT DISTINCT problem_id AS id FROM opinions WHERE problem_id IN (${sql.join(
      problemIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The latest reopening of each problem, for the remediation stage's start. */
export function reopenTimes(db: Db, problemIds: readonly string[]): Map<string, number> {
  if (!problemIds.length) return new Map();
  const rows = db.all<{ id: string; at: number }>(
    sql`SELECT problem_id AS id, max(at) AS at FROM hub_events WHERE type = 'PROBLEM_REOPENED' AND problem_id IN (${sql.join(
      problemIds.map((id) => sql`${id}`),
      sql`, `,
    )}) GROUP BY problem_id`,
  );
  return new Map(rows.map((r) => [r.id, r.at]));
}
