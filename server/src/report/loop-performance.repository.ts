import { and, eq, getTableColumns, inArray, isNotNull, ne, sql, type SQL, type Table } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { rows } from '../core/sql.js';
import { actions, actionUpdates, extensionRequests, problems, consultations } from '../loop/index.js';
import { hubEvents } from '../event/index.js';
import { feedbackSeriesRollups } from './rollup.table.js';
import { dayStart } from '../core/period.rules.js';
import type { ActionFact, ProblemTimes, RootCauseCode, OutcomeCode } from './loop-performance.rules.js';

// The loop's own tables hold hundreds to thousands of rows: these read them whole (cut to the
// branches asked for) and leave the periods to the rules.

type Millis<T> = { [K in keyof T]: T[K] extends Date ? number : T[K] extends Date | null ? number | null : T[K] };
/** A row with its instants as epoch milliseconds, as the rules take them. */
const millis = <T extends Record<string, unknown>>(row: T): Millis<T> =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v])) as Millis<T>;

/** Some of a table's columns, for a select. */
function columnsOf<T extends Table, K extends keyof T['_']['columns'] & string>(table: T, keys: readonly K[]): Pick<T['_']['columns'], K> {
  const all = getTableColumns(table);
  return Object.fromEntries(keys.map((k) => [k, all[k]])) as Pick<T['_']['columns'], K>;
}

/** Branch actions (a department's action is no branch's), not cancelled, at the given branches (null: all). */
export async function actionFacts(db: Db, branchIds: readonly string[] | null): Promise<ActionFact[]> {
  if (branchIds && !branchIds.length) return [];
  return (
    (
      await db
        .select(columnsOf(actions, ['id', 'problemId', 'branchId', 'createdAt', 'dueAt', 'confirmedAt']))
        .from(actions)
        // A withdrawn row was never the branch's work: it counts neither for nor against it.
        .where(
          and(
            isNotNull(actions.branchId),
            ne(actions.status, 'CANCELLED'),
            branchIds ? inArray(actions.branchId, [...branchIds]) : undefined,
          ),
        )
    ).map(millis)
  );
}

/** Each time a branch action was sent back. */
export async function actionReturns(db: Db): Promise<{ actionId: string; at: number }[]> {
  return (
    await db
      .select({ actionId: actionUpdates.actionId, at: actionUpdates.at })
      .from(actionUpdates)
      .where(eq(actionUpdates.status, 'RETURNED'))
  ).map((r) => ({ actionId: r.actionId, at: r.at.getTime() }));
}

/** Each extension request. */
export async function extensionAsks(db: Db): Promise<{ actionId: string; at: number }[]> {
  return (await db.select({ actionId: extensionRequests.actionId, at: extensionRequests.requestedAt }).from(extensionRequests)).map(
    (r) => ({ actionId: r.actionId, at: r.at.getTime() }),
  );
}

/** Each reopening of a problem that had a linkage table (through the event log's problem index). */
export async function problemReopens(db: Db): Promise<{ problemId: string; at: number }[]> {
  return (
    await rows<{ problemId: string; at: number }>(
      db,
      sql`SELECT e.problem_id AS "problemId", e.at AS at FROM (SELECT DISTINCT ${actions.problemId} AS id FROM ${actions}) a
        JOIN ${hubEvents} e ON e.problem_id = a.id WHERE e.type = 'PROBLEM_REOPENED'`,
    )
  ).map((r) => ({ problemId: r.problemId, at: Number(r.at) }));
}

/** When each problem in scope entered each stage. */
export async function problemTimes(db: Db, problemScope: SQL | undefined): Promise<ProblemTimes[]> {
  return (
    await db
      .select(
        columnsOf(problems, ['categoryId', 'createdAt', 'diagnosedAt', 'consultationAt', 'remediatingAt', 'verifyingAt', 'resolvedAt']),
      )
      .from(problems)
      .where(problemScope)
  ).map(millis);
}

/** Root cause and outcome of each consultation concluded in [from, to) on a problem in scope. */
export async function conclusions(
  db: Db,
  period: { from: number | null; to: number | null },
  problemScope: SQL | undefined,
): Promise<{ rootCause: RootCauseCode; outcome: OutcomeCode }[]> {
  return (
    await db
      .select({ rootCause: consultations.rootCause, outcome: consultations.outcome, issuedAt: consultations.issuedAt })
      .from(consultations)
      .innerJoin(problems, eq(problems.id, consultations.problemId))
      .where(
        and(
          isNotNull(consultations.issuedAt),
          period.from === null ? undefined : sql`${consultations.issuedAt} >= ${period.from}`,
          period.to === null ? undefined : sql`${consultations.issuedAt} < ${period.to}`,
          problemScope,
        ),
      )
  ).filter((c): c is { rootCause: RootCauseCode; outcome: OutcomeCode; issuedAt: Date } => !!c.rootCause && !!c.outcome);
}

/**
 * Praise (赞扬之声) per branch and bank day, from the daily rollup the feedback's write keeps (voided
 * items are taken out of it there), at the given branches (null: all).
 */
export async function praiseByDay(
  db: Db,
  branchIds: readonly string[] | null,
): Promise<{ branchId: string; day: number; items: number }[]> {
  if (branchIds && !branchIds.length) return [];
  const found = await db
    .select({ branchId: feedbackSeriesRollups.branchId, period: feedbackSeriesRollups.period, items: feedbackSeriesRollups.items })
    .from(feedbackSeriesRollups)
    .where(
      and(
        eq(feedbackSeriesRollups.grain, 'DAY'),
        eq(feedbackSeriesRollups.kind, 'PRAISE'),
        branchIds ? inArray(feedbackSeriesRollups.branchId, [...branchIds]) : undefined,
      ),
    );
  return found.filter((r) => r.items > 0).map((r) => ({ branchId: r.branchId, day: dayStart(r.period), items: r.items }));
}
