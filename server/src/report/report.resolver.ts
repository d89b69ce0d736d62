import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { CategoryType } from '../org/org.type.js';
import { Dashboard, VocReport, CategoryTrend, RecordContactsInput } from './report.type.js';

@Resolver(() => VocReport)
export class ReportResolver {
  @Query(() => Dashboard, {
    description: 'Problems, feedback, actions and KPIs for the viewer’s scope, optionally one branch subtree and a time range.',
  })
  dashboard(
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | null,
    @Arg('from', () => DateTimeResolver, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.reports.dashboard(requireViewer(ctx), { branchId, from, to });
  }

  @Query(() => VocReport, { description: 'The monthly Voice of the Customer report; month is YYYY-MM in China Standard Time.' })
  vocReport(
    @Arg('month', () => String) month: string,
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.reports.vocReport(requireViewer(ctx), month, branchId);
  }

  @Mutation(() => Int, {
    description: 'ANALYST, ADMIN: records a batch of contact records (at most 10,000) and answers how many were stored.',
  })
  recordContacts(@Arg('input', () => RecordContactsInput) input: RecordContactsInput, @Ctx() ctx: Context) {
    return ctx.hub.reports.recordContacts(requireViewer(ctx), input.records);
  }
}

@Resolver(() => CategoryTrend)
export class CategoryTrendResolver {
  @FieldResolver(() => CategoryType)
  category(@Root() t: { categoryId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.category.load(t.categoryId);
  }
}
