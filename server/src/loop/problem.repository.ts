import { and, desc, eq, inArray, isNotNull, lt, or, sql, count, type AnyColumn, type SQL } from 'drizzle-orm';
import { problems, diagnoses, diagnosisDepartments, problemBranches } from './problem.table.js';
import { feedback, searchCondition } from '../feedback/index.js';
import { actions } from './action.table.js';
import type { Db } from '../core/db.js';
import { first, pick, rows as rawRows } from '../core/sql.js';

export type ProblemRow = typeof problems.$inferSelect;
export type DiagnosisRow = typeof diagnoses.$inferSelect;

export interface ProblemQuery {
  statuses?: readonly string[] | null;
  severities?: readonly string[] | null;
  categoryId?: string | null;
  /** Problems that concern these branches: feedback or an action there. */
  branchIds?: readonly string[] | null;
  search?: string | null;
  /**
   * The branches whose feedback the viewer may read (null: all). Search looks into feedback text
   * of these only: a match in feedback the viewer cannot read must not reveal that text.
   */
  readableBranchIds?: readonly string[] | null;
}

/**
 * "Concerns these branches": the problem has feedback or an action in one of them, or the
 * coordinator named one of them (correctProblem's branches).
 */
export function concernsBranches(branchIds: readonly string[]): SQL {
  const ids = [...branchIds];
  if (!ids.length) return sql`false`;
  return sql`(EXISTS (SELECT 1 FROM ${feedback} WHERE ${feedback.problemId} = ${problems.id} AND ${inArray(feedback.branchId, ids)})
    OR EXISTS (SELECT 1 FROM ${actions} WHERE ${actions.problemId} = ${problems.id} AND ${inArray(actions.branchId, ids)})
    OR EXISTS (SELECT 1 FROM ${problemBranches} WHERE ${problemBranches.problemId} = ${problems.id} AND ${inArray(problemBranches.branchId, ids)}))`;
}

export function problemWhere(db: Db, q: ProblemQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (q.statuses?.length) conds.push(inArray(problems.status, q.statuses as ProblemRow['status'][]));
  if (q.severities?.length) conds.push(inArray(problems.severity, q.severities as ProblemRow['severity'][]));
  if (q.categoryId) conds.push(eq(problems.categoryId, q.categoryId));
  if (q.branchIds) conds.push(concernsBranches(q.branchIds));
  if (q.search) {
    const pattern = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // PostgreSQL's text cannot hold U+0000 (nor take it as a parameter): no title or code there contains it.
    const nul = q.search.includes('\u0000');
    // SQLite's LIKE ignores ASCII case; PostgreSQL's does not.
    const like = (column: AnyColumn) =>
      pick(db, {
        sqlite: sql`${column} LIKE ${pattern} ESCAPE '\\'`,
        postgres: nul ? sql`false` : sql`${column} ILIKE ${pattern} ESCAPE '\\'`,
      });
    const readable = !q.readableBranchIds
      ? sql`true`
      : q.readableBranchIds.length
        ? inArray(feedback.branchId, [...q.readableBranchIds])
        : sql`false`;
    conds.push(
      or(
        like(problems.title),
        like(problems.code),
        sql`EXISTS (SELECT 1 FROM ${feedback} WHERE ${feedback.problemId} = ${problems.id} AND ${readable} AND ${searchCondition(db, q.search)})`,
      ),
    );
  }
  return conds.length ? and(...conds) : undefined;
}

/**
 * The feedback of these problems, in the readable branches (null: all), whose clear text matches
 * the search: what a re-check against the masked text reads.
 */
export async function matchingFeedbackOfProblems(
  db: Db,
  problemIds: readonly string[],
  readableBranchIds: readonly string[] | null,
  search: string,
): Promise<{ problemId: string | null; text: string; recordedBy: string | null }[]> {
  if (!problemIds.length || readableBranchIds?.length === 0) return [];
  return await db
    .select({ problemId: feedback.problemId, text: feedback.text, recordedBy: feedback.recordedBy })
    .from(feedback)
    .where(
      and(
        inArray(feedback.problemId, [...problemIds]),
        readableBranchIds ? inArray(feedback.branchId, [...readableBranchIds]) : undefined,
        searchCondition(db, search),
      ),
    );
}

/** Newest first, keyed by (createdAt, id). */
export async function pageProblems(db: Db, q: ProblemQuery, limit: number, after: [number, string] | null): Promise<ProblemRow[]> {
  const keyset = after
    ? or(lt(problems.createdAt, new Date(after[0])), and(eq(problems.createdAt, new Date(after[0])), lt(problems.id, after[1])))
    : undefined;
  return await db
    .select()
    .from(problems)
    .where(and(problemWhere(db, q), keyset))
    .orderBy(desc(problems.createdAt), desc(problems.id))
    .limit(limit);
}

export async function countProblems(db: Db, q: ProblemQuery): Promise<number> {
  return (await first(db.select({ n: count() }).from(problems).where(problemWhere(db, q))))?.n ?? 0;
}

export const findProblem = (db: Db, id: string): Promise<ProblemRow | undefined> =>
  first(db.select().from(problems).where(eq(problems.id, id)));

export const problemsByIds = async (db: Db, ids: readonly string[]): Promise<ProblemRow[]> =>
  ids.length
    ? await db
        .select()
        .from(problems)
        .where(inArray(problems.id, [...ids]))
    : [];

/** Whether a problem concerns any of these branches. */
export async function problemConcerns(db: Db, problemId: string, branchIds: ReadonlySet<string>): Promise<boolean> {
  return !!(await first(
    db
      .select({ id: problems.id })
      .from(problems)
      .where(and(eq(problems.id, problemId), concernsBranches([...branchIds]))),
  ));
}

/** The branches a problem concerns: where its feedback came from, where its actions are, and those the coordinator named. */
export async function branchIdsOfProblems(db: Db, problemIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const ids = [...problemIds];
  const result = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  if (!ids.length) return result;
  // One row per problem, not one per (problem, branch): a page of 50 problems is ~500 pairs, and
  // materialising each as a JS row cost more than the index walk itself. The inner GROUP BY walks
  // the (problem_id, branch_id) index in order; the ids are joined with the unit separator, which
  // no id contains (core/ids.ts).
  const joined = pick(db, {
    sqlite: sql`group_concat(branch_id, char(31))`,
    postgres: sql`string_agg(branch_id, chr(31))`,
  });
  const rows = await rawRows<{ problemId: string; branchIds: string }>(
    db,
    sql`
    SELECT problem_id AS "problemId", ${joined} AS "branchIds" FROM (
      SELECT problem_id, branch_id FROM feedback WHERE ${inArray(feedback.problemId, ids)} GROUP BY problem_id, branch_id
    ) AS pairs GROUP BY problem_id
    UNION ALL SELECT problem_id, branch_id FROM actions WHERE ${inArray(actions.problemId, ids)} AND branch_id IS NOT NULL
    UNION ALL SELECT problem_id, branch_id FROM problem_branches WHERE ${inArray(problemBranches.problemId, ids)}`,
  );
  for (const r of rows) {
    const set = result.get(r.problemId);
    if (set) for (const id of r.branchIds.split('\u001f')) set.add(id);
  }
  return result;
}

/**
 * Writes a change to a problem if its version is still `expectedVersion`, bumping the version.
 * Returns undefined on a stale version: the caller answers CONFLICT.
 */
export function updateProblemIfVersion(
  tx: Db,
  id: string,
  expectedVersion: number,
  set: Partial<Omit<ProblemRow, 'id' | 'version'>>,
): Promise<ProblemRow | undefined> {
  return first(
    tx
      .update(problems)
      .set({ ...set, version: sql`${problems.version} + 1` })
      .where(and(eq(problems.id, id), eq(problems.version, expectedVersion)))
      .returning(),
  );
}

/** The next human reference of the year, e.g. VOC-2026-00042. Runs inside the write transaction. */
export async function nextProblemCode(tx: Db, year: number): Promise<string> {
  const prefix = `VOC-${year}-`;
  const last = await first(
    tx
      .select({ code: problems.code })
      .from(problems)
      .where(sql`${problems.code} LIKE ${prefix + '%'}`)
      .orderBy(desc(problems.code))
      .limit(1),
  );
  const n = last ? Number(last.code.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(5, '0')}`;
}

export async function diagnosisDepartmentIds(db: Db, problemIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = problemIds.length
    ? await db
        .select()
        .from(diagnosisDepartments)
        .where(inArray(diagnosisDepartments.problemId, [...problemIds]))
        .orderBy(diagnosisDepartments.position)
    : [];
  const result = new Map<string, string[]>();
  for (const r of rows) result.set(r.problemId, [...(result.get(r.problemId) ?? []), r.departmentId]);
  return result;
}

/**
 * The branches a problem concerns by fact, not by the coordinator's word: where its feedback came
 * from and where its actions are (a cancelled one stays in the table). A correction cannot remove these.
 */
export async function factualBranchIds(db: Db, problemId: string): Promise<Set<string>> {
  const fromFeedback = await db.selectDistinct({ id: feedback.branchId }).from(feedback).where(eq(feedback.problemId, problemId));
  const fromActions = await db
    .selectDistinct({ id: actions.branchId })
    .from(actions)
    .where(and(eq(actions.problemId, problemId), isNotNull(actions.branchId)));
  return new Set([...fromFeedback, ...fromActions].map((r) => r.id).filter((id): id is string => !!id));
}

/** The branches the coordinator named for a problem (correctProblem). */
export async function declaredBranchIds(db: Db, problemId: string): Promise<string[]> {
  return (await db.select({ id: problemBranches.branchId }).from(problemBranches).where(eq(problemBranches.problemId, problemId))).map(
    (r) => r.id,
  );
}

/** Replaces the branches the coordinator named for a problem. */
export async function setDeclaredBranches(tx: Db, problemId: string, branchIds: readonly string[]): Promise<void> {
  await tx.delete(problemBranches).where(eq(problemBranches.problemId, problemId));
  for (const branchId of branchIds) await tx.insert(problemBranches).values({ problemId, branchId });
}
