import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { pageSize } from '../core/pagination.js';
import { BranchType, CategoryType } from '../org/index.js';
import { FeedbackType, feedbackByIds } from '../feedback/index.js';
import { ProblemType } from '../loop/index.js';
import type { ProblemRow } from '../loop/index.js';
import {
  SuggestedGroupType,
  RecurrenceType,
  BranchRecurrenceType,
  SimilarProblemType,
  CategorySynonymsType,
  SetCategorySynonymsInput,
} from './insight.type.js';
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

  @Query(() => [String], {
    description:
      'Why two items are alike beyond the words they share: the equivalences (learned from analysts’ decisions or listed per ' +
      'category) that link them, as "还款卡 ≈ 还款银行卡". NOT_FOUND out of scope.',
  })
  similarityReasons(
    @Arg('feedbackId', () => ID) feedbackId: string,
    @Arg('otherFeedbackId', () => ID) otherFeedbackId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.insight.reasons(requireViewer(ctx), feedbackId, otherFeedbackId);
  }

  @Query(() => [SimilarProblemType], {
    description:
      'Live problems most like a feedback item or a problem, best first (at most 20): the duplicates to see before opening a ' +
      'problem, attaching feedback, or to merge. Give feedbackId or problemId.',
  })
  similarOpenProblems(
    @Arg('feedbackId', () => ID, { nullable: true }) feedbackId: string | null,
    @Arg('problemId', () => ID, { nullable: true }) problemId: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most 20; default 20.' }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.insight.similarProblems(requireViewer(ctx), { feedbackId, problemId }, first);
  }

  @Query(() => CategorySynonymsType, { description: 'A category’s synonym list: words that mean the same in its feedback.' })
  async categorySynonyms(@Arg('categoryId', () => ID) categoryId: string, @Ctx() ctx: Context) {
    requireViewer(ctx);
    return { categoryId, groups: await ctx.hub.insight.synonyms(categoryId) };
  }

  @Mutation(() => CategorySynonymsType, {
    description: 'ANALYST, ADMIN: replaces a category’s synonym list; applied to similarity and grouping at once, on every process.',
  })
  async setCategorySynonyms(@Arg('input', () => SetCategorySynonymsInput) input: SetCategorySynonymsInput, @Ctx() ctx: Context) {
    return { categoryId: input.categoryId, groups: await ctx.hub.insight.setSynonyms(requireViewer(ctx), input) };
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

@Resolver(() => SimilarProblemType)
export class SimilarProblemResolver {
  @FieldResolver(() => ProblemType, { nullable: true, description: 'The problem (null when the viewer may not read it).' })
  problem(@Root() p: { problemId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.problem.load(p.problemId);
  }
}

@Resolver(() => BranchRecurrenceType)
export class BranchRecurrenceResolver {
  @FieldResolver(() => BranchType)
  branch(@Root() r: Recurrence['byBranch'][number], @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(r.branchId);
  }
}
