import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { pageSize } from '../core/pagination.js';
import { BranchType, CategoryType } from '../org/index.js';
import { FeedbackType, feedbackByIds } from '../feedback/index.js';
import { ProblemType } from '../loop/index.js';
import type { ProblemRow } from '../loop/index.js';
import { SuggestedGroupType, RecurrenceType, BranchRecurrenceType } from './insight.type.js';
import type { SuggestedGroup, Recurrence } from './insight.service.js';

const SAMPLE_DEFAULT = 5;

@Resolver(() => SuggestedGroupType)
export class InsightResolver {
  @Query(() => [SuggestedGroupType], {
    description:
      'Candidate problems: groups of similar problem and suggestion feedback not attached to a problem, received in [from, to) ' +
      '(default: from 30 days before to, or the last 30 days), of at least minSize (default 3) items; largest first, at most 1,000. ' +
      'A branch manager sees groups made of their subtree’s feedback only.',
  })
  suggestedProblems(
    @Arg('from', () => DateTimeResolver, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true }) to: Date | null,
    @Arg('minSize', () => Int, { nullable: true }) minSize: number | null,
    @Arg('categoryId', () => ID, { nullable: true }) categoryId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.insight.suggest(requireViewer(ctx), { from, to, minSize, categoryId });
  }

  @Query(() => [FeedbackType], {
    description: 'The feedback most similar to this item, best first (a branch manager: within their subtree). NOT_FOUND out of scope.',
  })
  similarFeedback(
    @Arg('feedbackId', () => ID) feedbackId: string,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; default 20.' }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.insight.similar(requireViewer(ctx), feedbackId, first);
  }

  @FieldResolver(() => CategoryType, { nullable: true, description: 'The category most members were filed under.' })
  category(@Root() c: SuggestedGroup, @Ctx() ctx: Context) {
    return ctx.loaders.category.load(c.categoryId);
  }

  @FieldResolver(() => [BranchType], { description: 'Where the members came from, by code.' })
  branches(@Root() c: SuggestedGroup, @Ctx() ctx: Context) {
    return c.branchIds
      .map((id) => ctx.hub.deps.org.get(id))
      .filter((b) => b !== undefined)
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => [FeedbackType], { description: 'The members closest to the group’s centre first (default 5, at most 100).' })
  async sample(@Root() c: SuggestedGroup, @Arg('first', () => Int, { nullable: true }) first: number | null, @Ctx() ctx: Context) {
    const ids = c.feedbackIds.slice(0, first === null || first === undefined ? SAMPLE_DEFAULT : pageSize(first));
    const rows = new Map((await feedbackByIds(ctx.hub.deps.store.read, ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id)).filter((r) => r !== undefined);
  }
}

@Resolver(() => ProblemType)
export class ProblemRecurrenceResolver {
  @FieldResolver(() => RecurrenceType, {
    nullable: true,
    description:
      'Whether the fix worked: similar feedback before remediation against after the last action was confirmed. ' +
      'Null until remediation begins; a branch manager counts their subtree only.',
  })
  recurrence(
    @Root() p: ProblemRow,
    @Arg('windowDays', () => Int, { nullable: true, description: 'Days on each side; default 30.' }) windowDays: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.insight.recurrence(requireViewer(ctx), p, windowDays);
  }
}

@Resolver(() => BranchRecurrenceType)
export class BranchRecurrenceResolver {
  @FieldResolver(() => BranchType)
  branch(@Root() r: Recurrence['byBranch'][number], @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(r.branchId);
  }
}
