import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { toConnection } from '../core/page.type.js';
import { ProblemType, LinkageActionType } from '../loop/index.js';
import { FeedbackType } from '../feedback/index.js';
import type { ProblemRow, ActionRow } from '../loop/index.js';
import {
  NotificationType,
  NotificationConnection,
  MarkNotificationReadInput,
  MarkAllNotificationsReadInput,
  DigestType,
  DigestItemType,
} from './notification.type.js';
import { notificationCursor } from './notification.service.js';
import type { NotificationRow } from './notification.repository.js';
import type { DigestItem } from './digest.service.js';

/** A problem the viewer may read: everyone but a branch manager reads all; they, those that concern their subtree. */
async function visibleProblem(ctx: Context, id: string | null): Promise<ProblemRow | null> {
  if (!id) return null;
  const problem = await ctx.loaders.problem.load(id);
  if (!problem || !ctx.viewer?.scope) return problem;
  return (await ctx.loaders.branchIdsOfProblem.load(id)).length ? problem : null;
}

async function visibleAction(ctx: Context, id: string | null): Promise<ActionRow | null> {
  if (!id) return null;
  const action = await ctx.loaders.action.load(id);
  if (!action || !ctx.viewer?.scope) return action;
  return action.branchId && ctx.viewer.scope.has(action.branchId) ? action : null;
}

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The viewer's inbox, newest first, with the unread count." })
  async notifications(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly: boolean | null,
    @Ctx() ctx: Context,
  ) {
    const page = await ctx.hub.notifications.list(requireViewer(ctx), { first, after, unreadOnly });
    return { ...toConnection(page), unreadCount: page.unreadCount };
  }

  @Mutation(() => NotificationType, { description: 'Marks one of your notifications read; NOT_FOUND for anyone else’s.' })
  markNotificationRead(@Arg('input', () => MarkNotificationReadInput) input: MarkNotificationReadInput, @Ctx() ctx: Context) {
    return ctx.hub.notifications.markRead(requireViewer(ctx), input.notificationId);
  }

  @Mutation(() => Int, { description: 'Marks all your unread notifications read (up to upToId); answers how many.' })
  markAllNotificationsRead(
    @Arg('input', () => MarkAllNotificationsReadInput, { nullable: true }) input: MarkAllNotificationsReadInput | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.notifications.markAllRead(requireViewer(ctx), input?.upToId);
  }

  @Subscription(() => NotificationType, {
    name: 'notifications',
    description: "The viewer's new notifications, live; with after (a notification id), first every one since then.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      return ctx.hub.notifications.stream(
        viewer,
        ctx.tokenVersion ?? 0,
        ctx.tokenExpiresAt ?? Number.MAX_SAFE_INTEGER,
        (args as { after?: string | null }).after,
      );
    },
  })
  notificationAdded(@Root() row: NotificationRow, @Arg('after', () => ID, { nullable: true }) _after: string | null): NotificationRow {
    return row;
  }

  @Query(() => DigestType, { description: 'Your daily digest, as of now.' })
  myDigest(@Ctx() ctx: Context) {
    const viewer = requireViewer(ctx);
    return ctx.hub.notifications.digests.digestFor(ctx.hub.deps.store.read, viewer, ctx.hub.deps.clock.now().getTime());
  }

  @FieldResolver(() => ID)
  id(@Root() n: NotificationRow) {
    return notificationCursor(n);
  }

  @FieldResolver(() => Boolean)
  read(@Root() n: NotificationRow) {
    return n.readAt !== null;
  }

  @FieldResolver(() => ProblemType, { nullable: true })
  problem(@Root() n: NotificationRow, @Ctx() ctx: Context) {
    return visibleProblem(ctx, n.problemId);
  }

  @FieldResolver(() => LinkageActionType, { nullable: true })
  action(@Root() n: NotificationRow, @Ctx() ctx: Context) {
    return visibleAction(ctx, n.actionId);
  }

  @FieldResolver(() => [FeedbackType], { description: 'For a 3-in-3 alert: the feedback it links, oldest first.' })
  feedback(@Root() n: NotificationRow, @Ctx() ctx: Context) {
    return n.clusterId === null ? [] : ctx.hub.notifications.alertFeedback(requireViewer(ctx), n.clusterId);
  }
}

@Resolver(() => DigestItemType)
export class DigestItemResolver {
  @FieldResolver(() => ProblemType, { nullable: true })
  problem(@Root() item: DigestItem, @Ctx() ctx: Context) {
    return visibleProblem(ctx, item.problemId);
  }

  @FieldResolver(() => LinkageActionType, { nullable: true })
  action(@Root() item: DigestItem, @Ctx() ctx: Context) {
    return visibleAction(ctx, item.actionId);
  }
}
