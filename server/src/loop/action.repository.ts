import { and, asc, eq, gt, inArray, isNotNull, lt, notInArray, or, count, sql, type SQL, desc } from 'drizzle-orm';
import { SETTLED_ACTION_STATUSES } from './action.rules.js';
import { actions, actionUpdates, extensionRequests } from './action.table.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';

export type ActionRow = typeof actions.$inferSelect;
export type ActionUpdateRow = typeof actionUpdates.$inferSelect;
export type ExtensionRow = typeof extensionRequests.$inferSelect;

export interface ActionQuery {
  statuses?: readonly string[] | null;
  overdue?: boolean | null;
  /** true: only actions with an extension request still undecided. */
  extensionPending?: boolean | null;
  branchIds?: readonly string[] | null;
  problemId?: string | null;
  now: Date;
}

export function actionWhere(q: ActionQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (q.statuses?.length) conds.push(inArray(actions.status, q.statuses as ActionRow['status'][]));
  if (q.branchIds) conds.push(and(isNotNull(actions.branchId), inArray(actions.branchId, [...q.branchIds])));
  if (q.problemId) conds.push(eq(actions.problemId, q.problemId));
  if (q.overdue === true) conds.push(and(notInArray(actions.status, [...SETTLED_ACTION_STATUSES]), lt(actions.dueAt, q.now)));
  if (q.overdue === false)
    conds.push(or(inArray(actions.status, [...SETTLED_ACTION_STATUSES]), gt(actions.dueAt, q.now), eq(actions.dueAt, q.now)));
  if (q.extensionPending != null) {
    const pending = sql`exists (select 1 from ${extensionRequests} where ${extensionRequests.actionId} = ${actions.id} and ${extensionRequests.decision} = 'PENDING')`;
    conds.push(q.extensionPending ? pending : sql`not ${pending}`);
  }
  return conds.length ? and(...conds) : undefined;
}

/** Soonest due first, keyed by (dueAt, id). */
export async function pageActions(db: Db, q: ActionQuery, limit: number, after: [number, string] | null): Promise<ActionRow[]> {
  const keyset = after
    ? or(gt(actions.dueAt, new Date(after[0])), and(eq(actions.dueAt, new Date(after[0])), gt(actions.id, after[1])))
    : undefined;
  return await db
    .select()
    .from(actions)
    .where(and(actionWhere(q), keyset))
    .orderBy(asc(actions.dueAt), asc(actions.id))
    .limit(limit);
}

export async function countActions(db: Db, q: ActionQuery): Promise<number> {
  return (await first(db.select({ n: count() }).from(actions).where(actionWhere(q))))?.n ?? 0;
}

export const findAction = (db: Db, id: string): Promise<ActionRow | undefined> =>
  first(db.select().from(actions).where(eq(actions.id, id)));

export const actionsOfProblems = async (db: Db, problemIds: readonly string[]): Promise<ActionRow[]> =>
  problemIds.length
    ? await db
        .select()
        .from(actions)
        .where(inArray(actions.problemId, [...problemIds]))
        .orderBy(asc(actions.position), asc(actions.id))
    : [];

export const actionsByIds = async (db: Db, ids: readonly string[]): Promise<ActionRow[]> =>
  ids.length
    ? await db
        .select()
        .from(actions)
        .where(inArray(actions.id, [...ids]))
    : [];

export const updatesOfActions = async (db: Db, actionIds: readonly string[]): Promise<ActionUpdateRow[]> =>
  actionIds.length
    ? await db
        .select()
        .from(actionUpdates)
        .where(inArray(actionUpdates.actionId, [...actionIds]))
        .orderBy(asc(actionUpdates.id))
    : [];

/** The latest extension request of each action. */
export async function latestExtensions(db: Db, actionIds: readonly string[]): Promise<Map<string, ExtensionRow>> {
  const rows = actionIds.length
    ? await db
        .select()
        .from(extensionRequests)
        .where(inArray(extensionRequests.actionId, [...actionIds]))
        .orderBy(desc(extensionRequests.id))
    : [];
  const result = new Map<string, ExtensionRow>();
  for (const r of rows) if (!result.has(r.actionId)) result.set(r.actionId, r);
  return result;
}
