import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { UserType } from '../user/index.js';
import {
  ReportNarrativeText,
  ReportNarrativeType,
  ReturnReportNarrativeInput,
  SaveReportNarrativeInput,
  SubmitReportNarrativeInput,
} from './report-narrative.type.js';
import type { NarrativeRow } from './report-narrative.service.js';

@Resolver(() => ReportNarrativeType)
export class ReportNarrativeResolver {
  @Query(() => ReportNarrativeType, {
    nullable: true,
    description:
      'ANALYST, COORDINATOR, ADMIN: a month’s working analysis; null when nobody has written one. Branches read the published version.',
  })
  reportNarrative(@Arg('month', () => String) month: string, @Ctx() ctx: Context) {
    return ctx.hub.reports.narratives.get(requireViewer(ctx), month);
  }

  @Mutation(() => ReportNarrativeType, {
    description: 'ANALYST (a draft, or revising a published one) or COORDINATOR (under review): saves sections of the month’s analysis.',
  })
  saveReportNarrative(@Arg('input', () => SaveReportNarrativeInput) input: SaveReportNarrativeInput, @Ctx() ctx: Context) {
    return ctx.hub.reports.narratives.save(requireViewer(ctx), input);
  }

  @Mutation(() => ReportNarrativeType, { description: 'ANALYST: sends the draft for the coordinator’s review (their bell rings).' })
  submitReportNarrative(@Arg('input', () => SubmitReportNarrativeInput) input: SubmitReportNarrativeInput, @Ctx() ctx: Context) {
    return ctx.hub.reports.narratives.submit(requireViewer(ctx), input);
  }

  @Mutation(() => ReportNarrativeType, {
    description: 'COORDINATOR: sends the analysis back to the analysts with a reason (the one who submitted it is told).',
  })
  returnReportNarrative(@Arg('input', () => ReturnReportNarrativeInput) input: ReturnReportNarrativeInput, @Ctx() ctx: Context) {
    return ctx.hub.reports.narratives.sendBack(requireViewer(ctx), input);
  }

  @FieldResolver(() => UserType, { description: 'Who last saved its text.' })
  updatedBy(@Root() n: NarrativeRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(n.updatedBy);
  }
}

/** A published version's frozen analysis: who wrote it last. */
@Resolver(() => ReportNarrativeText)
export class ReportNarrativeTextResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'Who last saved its text.' })
  updatedBy(@Root() n: { updatedBy: string }, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(n.updatedBy);
  }
}
