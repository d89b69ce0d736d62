import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { BranchType, CategoryType } from '../org/index.js';
import { UserType } from '../user/index.js';
import {
  Dashboard,
  VocReport,
  CategoryTrend,
  BranchVoc,
  BranchLeagueRow,
  StageCycleTime,
  QuoteGroup,
  PublishedVocReport,
  PublishVocReportInput,
  ReportChange,
} from './report.type.js';
import type { VocReportData } from './voc-report.service.js';
import { ReportNarrativeText } from './report-narrative.type.js';
import type { PublishedReportRef } from './published-report.service.js';

@Resolver(() => VocReport)
export class ReportResolver {
  @Query(() => Dashboard, {
    description:
      'Problems, feedback, actions, KPIs and the loop’s performance for the viewer’s scope, optionally one branch subtree and a time range [from, to).',
  })
  dashboard(
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | null,
    @Arg('from', () => DateTimeResolver, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.reports.dashboard(requireViewer(ctx), { branchId, from, to });
  }

  @Query(() => VocReport, { description: 'The monthly Voice of the Customer report, live; month is YYYY-MM in China Standard Time.' })
  vocReport(
    @Arg('month', () => String) month: string,
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.reports.vocReport(requireViewer(ctx), month, branchId);
  }

  @Query(() => PublishedVocReport, {
    nullable: true,
    description:
      'A published version of a month’s report (the latest without version), as the viewer reads it: a branch manager reads their branch’s section; null when none was published.',
  })
  publishedVocReport(
    @Arg('month', () => String) month: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Arg('branchId', () => ID, { nullable: true, description: 'A branch’s section instead of the viewer’s own.' }) branchId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.reports.published(requireViewer(ctx), month, version, branchId);
  }

  @Query(() => [PublishedVocReport], { description: 'Every published version, newest first; of one month when given.' })
  publishedVocReports(@Arg('month', () => String, { nullable: true }) month: string | null, @Ctx() ctx: Context) {
    return ctx.hub.reports.publishedList(requireViewer(ctx), month);
  }

  @Mutation(() => PublishedVocReport, {
    description:
      'COORDINATOR: publishes an ended month’s report as a new frozen version, saying what changed, and tells every user (REPORT_PUBLISHED).',
  })
  publishVocReport(@Arg('input', () => PublishVocReportInput) input: PublishVocReportInput, @Ctx() ctx: Context) {
    return ctx.hub.reports.publish(requireViewer(ctx), input);
  }

  @FieldResolver(() => BranchType, { nullable: true, description: 'The subtree the report covers; null: the whole bank.' })
  branch(@Root() r: VocReportData, @Ctx() ctx: Context) {
    return r.branchId ? ctx.hub.deps.org.get(r.branchId) : null;
  }
}

@Resolver(() => PublishedVocReport)
export class PublishedVocReportResolver {
  @FieldResolver(() => UserType, { nullable: true })
  publishedBy(@Root() p: PublishedReportRef, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(p.publishedBy);
  }

  @FieldResolver(() => [ReportChange], { description: 'The figures of this section that differ from the previous version.' })
  async changes(@Root() p: PublishedReportRef, @Ctx() ctx: Context) {
    return (await ctx.hub.reports.publishedSection(p)).changes;
  }

  @FieldResolver(() => ReportNarrativeText, {
    nullable: true,
    description: 'The analysts’ narrative as reviewed and frozen with this version; null when it was published without one.',
  })
  async narrative(@Root() p: PublishedReportRef, @Ctx() ctx: Context) {
    const n = await ctx.hub.reports.publishedNarrative(p);
    return n ? { ...n, updatedAt: new Date(n.updatedAt) } : null;
  }

  @FieldResolver(() => VocReport, { description: 'The frozen report; a branch manager’s is their branch’s.' })
  async report(@Root() p: PublishedReportRef, @Ctx() ctx: Context) {
    return (await ctx.hub.reports.publishedSection(p)).report;
  }
}

@Resolver(() => CategoryTrend)
export class CategoryTrendResolver {
  @FieldResolver(() => CategoryType)
  category(@Root() t: { categoryId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.category.load(t.categoryId);
  }
}

@Resolver(() => BranchVoc)
export class BranchVocResolver {
  @FieldResolver(() => BranchType)
  branch(@Root() b: { branchId: string }, @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(b.branchId);
  }
}

@Resolver(() => BranchLeagueRow)
export class BranchLeagueRowResolver {
  @FieldResolver(() => BranchType)
  branch(@Root() b: { branchId: string }, @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(b.branchId);
  }
}

@Resolver(() => StageCycleTime)
export class StageCycleTimeResolver {
  @FieldResolver(() => CategoryType, { nullable: true, description: 'Null: all categories together.' })
  category(@Root() t: { categoryId: string | null }, @Ctx() ctx: Context) {
    return t.categoryId ? ctx.loaders.category.load(t.categoryId) : null;
  }
}

@Resolver(() => QuoteGroup)
export class QuoteGroupResolver {
  @FieldResolver(() => CategoryType)
  category(@Root() g: { categoryId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.category.load(g.categoryId);
  }
}
