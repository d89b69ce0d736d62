import { groupBy, type LoaderKit } from '../core/loader.js';
import { commentsOfProblems, followedBy, followerCounts, type CommentRow } from './discussion.repository.js';

/** Per-request batching: a page of problems asks for its threads, follower counts and the viewer's follows in one query each. */
export function discussionLoaders({ db, loader, viewer }: LoaderKit) {
  return {
    problemComments: loader<string, CommentRow[]>(async (ids) => groupBy(ids, await commentsOfProblems(db(), ids), (c) => c.problemId)),
    problemFollowerCount: loader<string, number>(async (ids) => {
      const counts = await followerCounts(db(), ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    problemFollowedByMe: loader<string, boolean>(async (ids) => {
      if (!viewer) return ids.map(() => false);
      const mine = await followedBy(db(), viewer.id, ids);
      return ids.map((id) => mine.has(id));
    }),
  };
}
