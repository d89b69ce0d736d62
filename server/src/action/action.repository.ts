import { and, asc, eq, gt, inArray, isNotNull, lt, ne, or, count, type SQL, desc } from 'drizzle-orm';
import { actions, actionUpdates, extensionRequests } from './action.table.js';
import type { Db } from '../core/db.js';

export type ActionRow = typeof actions.$inferSelect;
export type ActionUpdateRow = typeof actionUpdates.$inferSelect;
export type ExtensionRow = typeof extensionRequests.$inferSelect;

export interface ActionQuery {
  statuses?: readonly string[] | null;
  overdue?: boolean | null;
  branchIds?: readonly string[] | null;
  problemId?: string | null;
  now: Date;
}

export function actionWhere(q: ActionQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (q.statuses?.length) conds.push(inArray(actions.status, q.statuses as ActionRow['status'][]));
  if (q.branchIds) conds.push(and(isNotNull(actions.branchId), inArray(actions.branchId, [...q.branchIds])));
  if (q.problemId) conds.push(eq(actions.problemId, q.problemId));
  if (q.overdue === true) conds.push(and(ne(actions.status, 'CONFIRMED'), lt(actions.dueAt, q.now)));
  if (q.overdue === false) conds.push(or(eq(actions.status, 'CONFIRMED'), gt(actions.dueAt, q.now), eq(actions.dueAt, q.now)));
  return conds.length ? and(...conds) : undefined;
}

/** Soonest due first, keyed by (dueAt, id). */
export function pageActions(db: Db, q: ActionQuery, limit: number, after: [number, string] | null): ActionRow[] {
  const keyset = after
    ? or(gt(actions.dueAt, new Date(after[0])), and(eq(actions.dueAt, new Date(after[0])), gt(actions.id, after[1])))
    : undefined;
  return db
    .select()
    .from(actions)
    .where(and(actionWhere(q), keyset))
    .orderBy(asc(actions.dueAt), asc(actions.id))
    .limit(limit)
    .all();
}

export function countActions(db: Db, q: ActionQuery): number {
  return db.select({ n: count() }).from(actions).where(actionWhere(q)).get()?.n ?? 0;
}

export const findAction = (db: Db, id: string): ActionRow | undefined => db.select().from(actions).where(eq(actions.id, id)).get();

export const actionsOfProblems = (db: Db, problemIds: readonly string[]): ActionRow[] =>
  problemIds.length
    ? db
        .select()
        .from(actions)
        .where(inArray(actions.problemId, [...problemIds]))
        .orderBy(asc(actions.position), asc(actions.id))
        .all()
    : [];

export const actionsByIds = (db: Db, ids: readonly string[]): ActionRow[] =>
  ids.length
    ? db
        .select()
        .from(actions)
        .where(inArray(actions.id, [...ids]))
        .all()
    : [];

export const updatesOfActions = (db: Db, actionIds: readonly string[]): ActionUpdateRow[] =>
  actionIds.length
    ? db
        .select()
        .from(actionUpdates)
        .where(inArray(actionUpdates.actionId, [...actionIds]))
        .orderBy(asc(actionUpdates.id))
        .all()
    : [];

/** The latest extension request of each action. */
export function latestExtensions(db: Db, actionIds: readonly string[]): Map<string, ExtensionRow> {
  const rows = actionIds.length
    ? db
        .select()
        .from(extensionRequests)
        .where(inArray(extensionRequests.actionId, [...actionIds]))
        .orderBy(desc(extensionRequests.id))
        .all()
    : [];
  const result = new Map<string, ExtensionRow>();
  for (const r of rows) if (!result.has(r.actionId)) result.set(r.actionId, r);
  return result;
}
