import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { UserType } from '../user/index.js';
import { ProblemType } from '../loop/index.js';
import { HubEventObject } from '../event/index.js';
import { AddCommentInput, DeleteCommentInput, EditCommentInput, FollowProblemInput, ProblemCommentType } from './discussion.type.js';
import type { CommentRow } from './discussion.repository.js';

@Resolver(() => ProblemCommentType)
export class CommentResolver {
  @Mutation(() => ProblemCommentType, {
    description:
      'Anyone who may see the problem comments on it (NOT_FOUND otherwise). @username in the body, or mentions by id, tell those ' +
      'users (those who may see the problem); an unknown user, an empty or too long body: BAD_USER_INPUT. Live as COMMENT_ADDED.',
  })
  addComment(@Arg('input', () => AddCommentInput) input: AddCommentInput, @Ctx() ctx: Context) {
    return ctx.hub.discussion.addComment(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemCommentType, {
    description:
      'Its author rewrites a comment within COMMENT_EDIT_WINDOW_MINUTES of posting it (INVALID_TRANSITION after, or once deleted; ' +
      'FORBIDDEN for others; CONFLICT on a stale version). The newly mentioned are told. Live as COMMENT_EDITED.',
  })
  editComment(@Arg('input', () => EditCommentInput) input: EditCommentInput, @Ctx() ctx: Context) {
    return ctx.hub.discussion.editComment(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemCommentType, {
    description:
      'Its author or an ADMIN deletes a comment: a tombstone (已删除, who and when) stays, the words are gone. INVALID_TRANSITION ' +
      'when deleted already; CONFLICT on a stale version. Live as COMMENT_DELETED.',
  })
  deleteComment(@Arg('input', () => DeleteCommentInput) input: DeleteCommentInput, @Ctx() ctx: Context) {
    return ctx.hub.discussion.deleteComment(requireViewer(ctx), input);
  }

  @FieldResolver(() => UserType)
  author(@Root() c: CommentRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(c.authorId);
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'Who deleted it (its author or an administrator).' })
  deletedBy(@Root() c: CommentRow, @Ctx() ctx: Context) {
    return c.deletedBy ? ctx.loaders.user.load(c.deletedBy) : null;
  }

  @FieldResolver(() => Boolean)
  deleted(@Root() c: CommentRow) {
    return c.deletedAt !== null;
  }

  @FieldResolver(() => [UserType], { description: 'The users it mentions; none once deleted.' })
  async mentions(@Root() c: CommentRow, @Ctx() ctx: Context) {
    const users = await ctx.loaders.user.loadMany(ctx.hub.discussion.mentionedIds(c));
    return users.filter((u) => u && !(u instanceof Error));
  }

  @FieldResolver(() => DateTimeResolver, { description: 'Until when its author may edit it.' })
  editableUntil(@Root() c: CommentRow, @Ctx() ctx: Context) {
    return ctx.hub.discussion.editableUntil(c);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may edit it now: its author, within the edit window, not deleted.' })
  canEdit(@Root() c: CommentRow, @Ctx() ctx: Context) {
    return ctx.hub.discussion.mayEdit(requireViewer(ctx), c);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may delete it: its author or an administrator, not deleted yet.' })
  canDelete(@Root() c: CommentRow, @Ctx() ctx: Context) {
    return ctx.hub.discussion.mayDelete(requireViewer(ctx), c);
  }
}

@Resolver(() => ProblemType)
export class ProblemDiscussionResolver {
  @Mutation(() => ProblemType, {
    description:
      'The viewer follows a problem they may see (NOT_FOUND otherwise): they are told of its events. Following twice changes nothing.',
  })
  followProblem(@Arg('input', () => FollowProblemInput) input: FollowProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.discussion.follow(requireViewer(ctx), input.problemId);
  }

  @Mutation(() => ProblemType, { description: 'The viewer stops following a problem (NOT_FOUND when they may not see it).' })
  unfollowProblem(@Arg('input', () => FollowProblemInput) input: FollowProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.discussion.unfollow(requireViewer(ctx), input.problemId);
  }

  @FieldResolver(() => [ProblemCommentType], { description: 'The discussion, oldest first, deleted comments as tombstones.' })
  comments(@Root() p: { id: string }, @Ctx() ctx: Context) {
    return ctx.loaders.problemComments.load(p.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer follows this problem (is told of its events).' })
  followedByMe(@Root() p: { id: string }, @Ctx() ctx: Context) {
    return ctx.loaders.problemFollowedByMe.load(p.id);
  }

  @FieldResolver(() => Int, { description: 'How many people follow this problem.' })
  followers(@Root() p: { id: string }, @Ctx() ctx: Context) {
    return ctx.loaders.problemFollowerCount.load(p.id);
  }

  @FieldResolver(() => [UserType], {
    description:
      'Who the viewer may @mention here: active users who may see the problem (for a branch manager, none outside their subtree).',
  })
  async mentionCandidates(@Root() p: { id: string }, @Ctx() ctx: Context) {
    const ids = await ctx.hub.discussion.mentionable(requireViewer(ctx), p.id);
    const users = await ctx.loaders.user.loadMany(ids);
    return users.filter((u) => u && !(u instanceof Error));
  }
}

@Resolver(() => HubEventObject)
export class HubEventCommentResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'The comment a COMMENT_* event is about (never its text).' })
  commentId(@Root() e: { commentId: string | null }) {
    return e.commentId;
  }
}
