/**
 * discussion: the thread of comments on a problem (@mentions told, editable by the author for a
 * short while, deleted as a visible tombstone) and who follows a problem. Those a problem's work
 * lands on follow it by the reaction declared here; the notification module tells followers of the
 * problem's events.
 */
import type { HubServices } from '../core/context.js';
import type { Reaction } from '../event/index.js';
import { discussionLoaders } from './discussion.loaders.js';
import { CommentResolver, HubEventCommentResolver, ProblemDiscussionResolver } from './discussion.resolver.js';

export { DiscussionService } from './discussion.service.js';

export const discussionModule = {
  name: 'discussion',
  resolvers: [CommentResolver, ProblemDiscussionResolver, HubEventCommentResolver],
  loaders: discussionLoaders,
  reactions: (hub: HubServices): readonly Reaction[] => [
    {
      name: "whoever opens a problem, owns one of its actions or is invited to its consultation follows it; a merged duplicate's followers follow its target",
      on: ['PROBLEM_OPENED', 'ACTION_ASSIGNED', 'ACTION_REASSIGNED', 'CONSULTATION_OPENED', 'EXPERTS_INVITED', 'PROBLEM_MERGED'],
      run: (tx, event, _emit, facts) => hub.discussion.followOnEvent(tx, event, facts),
    },
  ],
};

// What other modules use of this one.
export { followerIdsOf } from './discussion.repository.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { FOLLOW_REASONS, problemComments, problemFollowers } from './discussion.table.js';
