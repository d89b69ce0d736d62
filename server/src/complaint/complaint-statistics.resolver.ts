import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { BranchType } from '../org/index.js';
import { ComplaintBranchFiguresType, ComplaintCodeCountType, ComplaintStatisticsType } from './complaint-statistics.type.js';
import { BranchLeagueRowType, VocReportType, type ComplaintFact } from '../report/index.js';
import type { ComplaintStatistics } from './complaint-statistics.service.js';

@Resolver(() => ComplaintStatisticsType)
export class ComplaintStatisticsResolver {
  @Query(() => ComplaintStatisticsType, {
    description:
      'A quarter’s regulatory complaint statistics (cases received in it, bank time) by JR/T 0169-2018 code and by branch. ' +
      'Scoped like the VOC report: a branch manager sees their subtree; a branchId outside it answers NOT_FOUND.',
  })
  complaintStatistics(
    @Arg('quarter', () => String, { description: 'YYYY-Qn, e.g. 2026-Q4.' }) quarter: string,
    @Arg('branchId', () => ID, { nullable: true, description: 'Only the cases of this branch subtree.' }) branchId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.complaintStatistics.statistics(requireViewer(ctx), quarter, branchId);
  }

  @FieldResolver(() => BranchType, { nullable: true, description: 'The subtree asked for; null: the viewer’s whole scope.' })
  branch(@Root() s: ComplaintStatistics, @Ctx() ctx: Context) {
    return s.branchId ? ctx.hub.deps.org.get(s.branchId) : null;
  }
}

@Resolver(() => ComplaintBranchFiguresType)
export class ComplaintBranchFiguresResolver {
  @FieldResolver(() => BranchType, { description: 'The branch complained about.' })
  branch(@Root() r: { branchId: string }, @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(r.branchId);
  }
}

@Resolver(() => VocReportType)
export class VocReportComplaintsResolver {
  @FieldResolver(() => [ComplaintCodeCountType], {
    description:
      'Complaint cases (投诉工单) received in the month in the report’s scope, by JR/T 0169-2018 code, in code order. Read live, ' +
      'also for a published version.',
  })
  complaintCasesByCode(@Root() r: { month: string; branchId: string | null }, @Ctx() ctx: Context) {
    return ctx.hub.complaintStatistics.monthByCode(requireViewer(ctx), r.month, r.branchId);
  }
}

@Resolver(() => BranchLeagueRowType)
export class LeagueRowComplaintsResolver {
  @FieldResolver(() => [ComplaintCodeCountType], {
    description:
      'The complaint cases counted in complaintsReceived, by JR/T 0169-2018 code, in code order. Empty in report versions ' +
      'published before it was counted.',
  })
  complaintsByCode(@Root() r: { complaintsByCode?: (ComplaintFact['code'] & { count: number })[] }) {
    return r.complaintsByCode ?? [];
  }
}
