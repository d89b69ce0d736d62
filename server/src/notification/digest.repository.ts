import { and, asc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { pick, rows as rowsOf } from '../core/sql.js';
import { actions, problems, consultations, SETTLED_ACTION_STATUSES } from '../loop/index.js';
import type { ActionRow, ProblemRow } from '../loop/index.js';

/** Unsettled (neither confirmed nor cancelled) actions matching `owner` (a branch subtree or a department), soonest due first. */
export async function openActionsWhere(db: Db, owner: SQL | undefined): Promise<ActionRow[]> {
  return await db
    .select()
    .from(actions)
    .where(and(notInArray(actions.status, [...SETTLED_ACTION_STATUSES]), owner))
    .orderBy(asc(actions.dueAt), asc(actions.id));
}

export const ownedByBranches = (db: Db, branchIds: readonly string[]): SQL =>
  branchIds.length ? inArray(actions.branchId, [...branchIds]) : pick(db, { sqlite: sql`0`, postgres: sql`false` });
export const ownedByDepartment = (departmentId: string): SQL => eq(actions.departmentId, departmentId);

/** Actions in a status, oldest change first. */
export const actionsInStatus = async (db: Db, status: ActionRow['status']): Promise<ActionRow[]> =>
  db.select().from(actions).where(eq(actions.status, status)).orderBy(asc(actions.updatedAt), asc(actions.id));

/** Actions whose latest extension request waits for a decision. */
export const actionsWithPendingExtension = async (db: Db): Promise<ActionRow[]> =>
  db
    .select()
    .from(actions)
    .where(sql`(SELECT e.decision FROM extension_requests e WHERE e.action_id = ${actions.id} ORDER BY e.id DESC LIMIT 1) = 'PENDING'`)
    .orderBy(asc(actions.dueAt), asc(actions.id));

export type StageProblemRow = ProblemRow & { consultationDueAt: Date | null };

/** Problems in the given statuses, with their consultation's own due date. */
export async function problemsInStatuses(db: Db, statuses: readonly ProblemRow['status'][]): Promise<StageProblemRow[]> {
  if (!statuses.length) return [];
  const rows = await db
    .select({ problem: problems, consultationDueAt: consultations.dueAt })
    .from(problems)
    .leftJoin(consultations, eq(consultations.problemId, problems.id))
    .where(inArray(problems.status, [...statuses]))
    .orderBy(asc(problems.updatedAt), asc(problems.id));
  return rows.map((r) => ({ ...r.problem, consultationDueAt: r.consultationDueAt }));
}

/** Problems in consultation where this expert is invited and has not given an opinion. */
export const consultationsAwaitingOpinion = async (db: Db, expertId: string): Promise<ProblemRow[]> =>
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
    .orderBy(asc(problems.updatedAt));

/** Which of these problems have at least one expert opinion. */
export async function problemsWithOpinions(db: Db, problemIds: readonly string[]): Promise<Set<string>> {
  if (!problemIds.length) return new Set();
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`SELECT DISTINCT problem_id AS id FROM opinions WHERE problem_id IN (${sql.join(
      problemIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The latest reopening of each problem, for the remediation stage's start. */
export async function reopenTimes(db: Db, problemIds: readonly string[]): Promise<Map<string, number>> {
  if (!problemIds.length) return new Map();
  const rows = await rowsOf<{ id: string; at: number }>(
    db,
    sql`SELECT problem_id AS id, max(at) AS at FROM hub_events WHERE type = 'PROBLEM_REOPENED' AND problem_id IN (${sql.join(
      problemIds.map((id) => sql`${id}`),
      sql`, `,
    )}) GROUP BY problem_id`,
  );
  return new Map(rows.map((r) => [r.id, r.at]));
}
