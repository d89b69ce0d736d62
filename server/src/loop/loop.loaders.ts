import { inArray } from 'drizzle-orm';
import { byKey, groupBy, type LoaderKit } from '../core/loader.js';
import { diagnoses } from './problem.table.js';
import { consultations, consultationExperts, opinions } from './consultation.table.js';
import { problemsByIds, branchIdsOfProblems, diagnosisDepartmentIds, type ProblemRow, type DiagnosisRow } from './problem.repository.js';
import {
  actionsOfProblems,
  actionsByIds,
  updatesOfActions,
  latestExtensions,
  type ActionRow,
  type ActionUpdateRow,
  type ExtensionRow,
} from './action.repository.js';

type ConsultationRow = typeof consultations.$inferSelect;
type OpinionRow = typeof opinions.$inferSelect;

/**
 * Per-request batching of the loop's nested fields (a problem's diagnosis, consultation, opinions,
 * linkage table and its updates): one query for a whole page. Scoped loaders apply the viewer's
 * branch scope.
 */
export function loopLoaders({ db, loader, scope }: LoaderKit) {
  return {
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
    /** The branches a problem concerns, cut to the viewer's scope. */
    branchIdsOfProblem: loader<string, string[]>(async (ids) => {
      const map = await branchIdsOfProblems(db(), ids);
      return ids.map((id) => [...(map.get(id) ?? [])].filter((b) => !scope || scope.has(b)));
    }),
    updates: loader<string, ActionUpdateRow[]>(async (ids) => groupBy(ids, await updatesOfActions(db(), ids), (u) => u.actionId)),
    extension: loader<string, ExtensionRow | null>(async (ids) => {
      const map = await latestExtensions(db(), ids);
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}
