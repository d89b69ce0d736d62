import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { toConnection } from '../core/page.type.js';
import { canSeePersonalData } from '../core/viewer.rules.js';
import { maskPersonalData, containsPersonalData } from '../core/mask.rules.js';
import { auditScope } from '../audit/index.js';
import { BranchType, CategoryType, ProductType } from '../org/index.js';
import { UserType } from '../user/index.js';
import {
  FeedbackType,
  FeedbackConnection,
  FeedbackFilter,
  RecordFeedbackInput,
  CorrectFeedbackInput,
  VoidFeedbackInput,
  FeedbackCorrection,
} from './feedback.type.js';
import type { FeedbackRow } from './feedback.repository.js';
import type { FeedbackCorrectionRow } from './feedback.service.js';
import { DateTimeResolver } from 'graphql-scalars';

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

  @Mutation(() => FeedbackType, {
    description:
      'AGENT who recorded it, within FEEDBACK_CORRECTION_WINDOW_MINUTES of recording; ANALYST at any time: corrects a recorded voice, with the reason. Its counts, similarity and 3-in-3 alert follow.',
  })
  correctFeedback(@Arg('input', () => CorrectFeedbackInput) input: CorrectFeedbackInput, @Ctx() ctx: Context) {
    return ctx.hub.feedback.correct(requireViewer(ctx), input);
  }

  @Mutation(() => FeedbackType, {
    description:
      'The same people as correctFeedback: voids a recorded voice, with the reason. It stays under its problem, struck through, and counts nowhere.',
  })
  voidFeedback(@Arg('input', () => VoidFeedbackInput) input: VoidFeedbackInput, @Ctx() ctx: Context) {
    return ctx.hub.feedback.voidItem(requireViewer(ctx), input);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it was voided, masked like the text.' })
  voidReason(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return forViewer(ctx, row, row.voidReason);
  }

  @FieldResolver(() => UserType, { nullable: true })
  voidedBy(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return row.voidedBy ? ctx.loaders.user.load(row.voidedBy) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may correct or void it now.' })
  viewerMayCorrect(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return !!ctx.viewer && ctx.hub.feedback.mayCorrect(ctx.viewer, row);
  }

  @FieldResolver(() => DateTimeResolver, { description: 'Until when the agent who recorded it may correct it; an analyst may after.' })
  agentCorrectableUntil(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return ctx.hub.feedback.agentWindowEnd(row);
  }

  @FieldResolver(() => [FeedbackCorrection], { description: 'Its corrections and void, oldest first: who, when, why, what changed.' })
  async corrections(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return (await ctx.hub.feedback.corrections(row.id)).map((c) => correctionOf(ctx, row, c));
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

/** A history line as the viewer may read it: the text and customer reference masked as on the item. */
function correctionOf(ctx: Context, row: FeedbackRow, c: FeedbackCorrectionRow) {
  const changes = (JSON.parse(c.changes) as { field: string; from: unknown; to: unknown }[]).map((ch) => {
    const shown = (v: unknown): string | null => {
      if (v === null || v === undefined) return null;
      if (ch.field === 'receivedAt') return new Date(v as number).toISOString();
      const text = String(v);
      return ch.field === 'text' || ch.field === 'customerRef' ? forViewer(ctx, row, text) : text;
    };
    return { field: ch.field, from: shown(ch.from), to: shown(ch.to) };
  });
  return { at: c.at, voided: c.voided, reason: forViewer(ctx, row, c.reason) ?? '', changes, actorId: c.actorId };
}

@Resolver(() => FeedbackCorrection)
export class FeedbackCorrectionResolver {
  @FieldResolver(() => UserType)
  actor(@Root() c: { actorId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(c.actorId);
  }
}
