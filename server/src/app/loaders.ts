import DataLoader from 'dataloader';
import { count, inArray, sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import { categories, departments, products } from '../org/org.table.js';
import { feedback } from '../feedback/feedback.table.js';
import { diagnoses } from '../loop/problem.table.js';
import { consultations, consultationExperts, opinions } from '../loop/consultation.table.js';
import { usersByIds, type UserRow } from '../user/user.repository.js';
import {
  problemsByIds,
  branchIdsOfProblems,
  diagnosisDepartmentIds,
  type ProblemRow,
  type DiagnosisRow,
} from '../loop/problem.repository.js';
import {
  actionsOfProblems,
  actionsByIds,
  updatesOfActions,
  latestExtensions,
  type ActionRow,
  type ActionUpdateRow,
  type ExtensionRow,
} from '../loop/action.repository.js';
import { eventsOfProblems, type HubEventRow } from '../event/event.repository.js';
import { feedbackByIds, type FeedbackRow } from '../feedback/feedback.repository.js';
import type { CategoryRow, DepartmentRow, ProductRow } from '../org/org.service.js';
import { rows as rawRows } from '../core/sql.js';
import { extensionsOfComplaints, type ComplaintExtensionRow } from '../complaint/index.js';

type ConsultationRow = typeof consultations.$inferSelect;
type OpinionRow = typeof opinions.$inferSelect;

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const r of rows) map.set(keyOf(r), r);
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * On SQLite every query of a level answers within one turn of the event loop, so DataLoader's
 * default (dispatch once the promise jobs have run) batches a whole level. On PostgreSQL answers
 * arrive one socket read at a time: dispatching at setImmediate gathers the loads of every answer
 * read in the same turn, instead of one batch per answer.
 */
const scheduleFor = (dialect: 'sqlite' | 'postgres') =>
  dialect === 'postgres' ? { batchScheduleFn: (dispatch: () => void) => void setImmediate(dispatch) } : {};

const loaderOn =
  (dialect: 'sqlite' | 'postgres') =>
  <K, V>(batch: (keys: readonly K[]) => Promise<V[]>) =>
    new DataLoader<K, V>(async (keys) => batch(keys), { maxBatchSize: 500, ...scheduleFor(dialect) });

/**
 * Per-request batching: each nested field of a page costs one query for the whole page, whatever
 * the page size. Scoped loaders apply the viewer's branch scope.
 */
export function createLoaders(deps: HubDeps, viewer: Viewer | null) {
  const db = () => deps.store.read;
  const loader = loaderOn(deps.store.dialect);
  const scope = viewer?.scope ?? null;
  const feedbackPages = new Map<number, DataLoader<string, FeedbackRow[]>>();
  return {
    /**
     * The first `limit` feedback items of each problem (newest first), for a page of problems in
     * one ranked query instead of one query per problem.
     */
    firstFeedback(limit: number): DataLoader<string, FeedbackRow[]> {
      let l = feedbackPages.get(limit);
      if (!l) {
        l = loader<string, FeedbackRow[]>(async (ids) => {
          const ranked = await rawRows<{ id: string }>(
            db(),
            sql`
            SELECT id FROM (
              SELECT id, ROW_NUMBER() OVER (PARTITION BY problem_id ORDER BY received_at DESC, id DESC) AS rn
              FROM feedback WHERE ${inArray(feedback.problemId, [...ids])} ${scope ? sql`AND ${inArray(feedback.branchId, [...scope])}` : sql``}
            ) AS ranked WHERE rn <= ${limit}`,
          );
          const rows = (
            await feedbackByIds(
              db(),
              ranked.map((r) => r.id),
            )
          ).sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
          return groupBy(ids, rows, (f) => f.problemId ?? '');
        });
        feedbackPages.set(limit, l);
      }
      return l;
    },
    user: loader<string, UserRow | null>(async (ids) => byKey(ids, await usersByIds(db(), ids), (u) => u.id)),
    category: loader<string, CategoryRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(categories)
          .where(inArray(categories.id, [...ids])),
        (c) => c.id,
      ),
    ),
    department: loader<string, DepartmentRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(departments)
          .where(inArray(departments.id, [...ids])),
        (d) => d.id,
      ),
    ),
    product: loader<string, ProductRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(products)
          .where(inArray(products.id, [...ids])),
        (p) => p.id,
      ),
    ),
    problem: loader<string, ProblemRow | null>(async (ids) => byKey(ids, await problemsByIds(db(), ids), (p) => p.id)),
    action: loader<string, ActionRow | null>(async (ids) => byKey(ids, await actionsByIds(db(), ids), (a) => a.id)),
    diagnosis: loader<string, DiagnosisRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(diagnoses)
          .where(inArray(diagnoses.problemId, [...ids])),
        (d) => d.problemId,
      ),
    ),
    diagnosisDepartmentIds: loader<string, string[]>(async (ids) => {
      const map = await diagnosisDepartmentIds(db(), ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
    consultation: loader<string, ConsultationRow | null>(async (ids) =>
      byKey(
        ids,
        await db()
          .select()
          .from(consultations)
          .where(inArray(consultations.problemId, [...ids])),
        (c) => c.problemId,
      ),
    ),
    expertIds: loader<string, string[]>(async (ids) =>
      groupBy(
        ids,
        await db()
          .select()
          .from(consultationExperts)
          .where(inArray(consultationExperts.problemId, [...ids]))
          .orderBy(consultationExperts.invitedAt),
        (e) => e.problemId,
      ).map((rows) => rows.map((r) => r.expertId)),
    ),
    opinions: loader<string, OpinionRow[]>(async (ids) =>
      groupBy(
        ids,
        await db()
          .select()
          .from(opinions)
          .where(inArray(opinions.problemId, [...ids]))
          .orderBy(opinions.submittedAt),
        (o) => o.problemId,
      ),
    ),
    /** A problem's linkage table; a branch manager sees only the rows of their subtree. */
    actionsOfProblem: loader<string, ActionRow[]>(async (ids) =>
      groupBy(
        ids,
        (await actionsOfProblems(db(), ids)).filter((a) => !scope || (a.branchId !== null && scope.has(a.branchId))),
        (a) => a.problemId,
      ),
    ),
    /** How many feedback items of a problem the viewer may see. */
    feedbackCount: loader<string, number>(async (ids) => {
      const rows = await db()
        .select({ problemId: feedback.problemId, n: count() })
        .from(feedback)
        .where(
          scope
            ? sql`${inArray(feedback.problemId, [...ids])} AND ${inArray(feedback.branchId, [...scope])}`
            : inArray(feedback.problemId, [...ids]),
        )
        .groupBy(feedback.problemId);
      const map = new Map(rows.map((r) => [r.problemId, r.n]));
      return ids.map((id) => map.get(id) ?? 0);
    }),
    /** The branches a problem concerns, cut to the viewer's scope. */
    branchIdsOfProblem: loader<string, string[]>(async (ids) => {
      const map = await branchIdsOfProblems(db(), ids);
      return ids.map((id) => [...(map.get(id) ?? [])].filter((b) => !scope || scope.has(b)));
    }),
    updates: loader<string, ActionUpdateRow[]>(async (ids) => groupBy(ids, await updatesOfActions(db(), ids), (u) => u.actionId)),
    complaintExtensions: loader<string, ComplaintExtensionRow[]>(async (ids) =>
      groupBy(ids, await extensionsOfComplaints(db(), ids), (e) => e.caseId),
    ),
    extension: loader<string, ExtensionRow | null>(async (ids) => {
      const map = await latestExtensions(db(), ids);
      return ids.map((id) => map.get(id) ?? null);
    }),
    history: loader<string, HubEventRow[]>(async (ids) => groupBy(ids, await eventsOfProblems(db(), ids), (e) => e.problemId ?? '')),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
