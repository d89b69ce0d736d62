import type DataLoader from 'dataloader';
import { count, inArray, sql } from 'drizzle-orm';
import { groupBy, type LoaderKit } from '../core/loader.js';
import { rows as rawRows } from '../core/sql.js';
import { feedback } from './feedback.table.js';
import { feedbackByIds, type FeedbackRow } from './feedback.repository.js';

/** Per-request batching of a page of problems' feedback, cut to the viewer's branch scope. */
export function feedbackLoaders({ db, loader, scope }: LoaderKit) {
  const feedbackPages = new Map<number, DataLoader<string, FeedbackRow[]>>();
  const countByProblem = async (ids: readonly string[], withVoided: boolean): Promise<number[]> => {
    const rows = await db()
      .select({ problemId: feedback.problemId, n: count() })
      .from(feedback)
      .where(
        sql`${inArray(feedback.problemId, [...ids])} ${scope ? sql`AND ${inArray(feedback.branchId, [...scope])}` : sql``} ${
          withVoided ? sql`` : sql`AND ${feedback.voidedAt} IS NULL`
        }`,
      )
      .groupBy(feedback.problemId);
    const map = new Map(rows.map((r) => [r.problemId, r.n]));
    return ids.map((id) => map.get(id) ?? 0);
  };
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
    /** How many feedback items of a problem the viewer may see, voided ones left out: what the problem counts. */
    feedbackCount: loader<string, number>((ids) => countByProblem(ids, false)),
    /** The same with the voided ones: what its list shows (struck through), for the list's totalCount. */
    feedbackListedCount: loader<string, number>((ids) => countByProblem(ids, true)),
  };
}
