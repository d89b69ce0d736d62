import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { toConnection } from '../core/page.type.js';
import { canSeePersonalData } from '../core/viewer.rules.js';
import { maskPersonalData, containsPersonalData } from '../core/mask.rules.js';
import { auditScope } from '../audit/index.js';
import { BranchType, CategoryType, ProductType } from '../org/index.js';
import { UserType } from '../user/index.js';
import { FeedbackType, FeedbackConnection, FeedbackFilter, RecordFeedbackInput } from './feedback.type.js';
import type { FeedbackRow } from './feedback.repository.js';

/** Personal data in clear only for those the contract allows; everyone else gets the masked form. */
function forViewer(ctx: Context, row: FeedbackRow, value: string | null): string | null {
  if (value === null) return null;
  if (!ctx.viewer || !canSeePersonalData(ctx.viewer, row.recordedBy)) return maskPersonalData(value);
  // Shown in clear: the audit trail records who saw whose personal data.
  if (containsPersonalData(value)) auditScope.getStore()?.viewedPersonalData.add(row.id);
  return value;
}

@Resolver(() => FeedbackType)
export class FeedbackResolver {
  @Query(() => FeedbackConnection, { description: 'Feedback, newest first; a branch manager sees their subtree.' })
  async feedback(
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter: FeedbackFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await ctx.hub.feedback.list(requireViewer(ctx), filter, first, after));
  }

  @Mutation(() => FeedbackType, { description: 'AGENT, ANALYST: records one customer voice.' })
  recordFeedback(@Arg('input', () => RecordFeedbackInput) input: RecordFeedbackInput, @Ctx() ctx: Context) {
    return ctx.hub.feedback.record(requireViewer(ctx), input);
  }

  @FieldResolver(() => String, { description: 'Personal data (mobile, card and ID numbers) masked unless the viewer may see it.' })
  text(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return forViewer(ctx, row, row.text);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The customer reference, masked like the text.' })
  customerRef(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return forViewer(ctx, row, row.customerRef);
  }

  @FieldResolver(() => CategoryType)
  category(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return ctx.loaders.category.load(row.categoryId);
  }

  @FieldResolver(() => ProductType, { nullable: true })
  product(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return row.productId ? ctx.loaders.product.load(row.productId) : null;
  }

  @FieldResolver(() => BranchType)
  branch(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(row.branchId);
  }

  @FieldResolver(() => UserType, { nullable: true })
  recordedBy(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return row.recordedBy ? ctx.loaders.user.load(row.recordedBy) : null;
  }

  // Feedback.problem is resolved by the loop module (loop/problem.resolver.ts): a voice knows
  // nothing of the problems it is grouped into.
}
