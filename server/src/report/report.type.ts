import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ProblemStatus, RootCause, Outcome, ProblemType } from '../loop/index.js';
import { FeedbackKind, Channel, FeedbackType } from '../feedback/index.js';
import { CategoryType } from '../org/index.js';
import { Kpis } from '../kpi/index.js';
import { LOOP_STAGES } from './loop-performance.rules.js';

import { enumOf } from '../core/enum.js';
export const LoopStage = enumOf(LOOP_STAGES);
registerEnumType(LoopStage, {
  name: 'LoopStage',
  description: 'A stage of the loop, from the step that starts it to the one that ends it.',
});

@ObjectType('StatusCount')
export class StatusCount {
  @Field(() => ProblemStatus) status!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('KindCount')
export class KindCount {
  @Field(() => FeedbackKind) kind!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('ChannelCount')
export class ChannelCount {
  @Field(() => Channel) channel!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('DailyFeedback', { description: 'Feedback of one day (China Standard Time).' })
export class DailyFeedback {
  @Field(() => String, { description: 'YYYY-MM-DD.' }) day!: string;
  @Field(() => Int) praise!: number;
  @Field(() => Int) problems!: number;
  @Field(() => Int) suggestions!: number;
  @Field(() => Int) complaints!: number;
  @Field(() => Int) total!: number;
}

@ObjectType('BranchLeagueRow', {
  description: 'How a branch (with its subtree) works the linkage table over a period: one row of the league table.',
})
export class BranchLeagueRow {
  @Field(() => Int, { description: 'Actions assigned in the period.' }) assigned!: number;
  @Field(() => Int, { description: 'Actions confirmed in the period.' }) confirmed!: number;
  @Field(() => Int, { description: 'Of those, confirmed by their (possibly extended) due date.' }) confirmedOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'confirmedOnTime ÷ confirmed; null when none was confirmed.' }) onTimeRate!:
    number | null;
  @Field(() => Int, { description: 'Actions open and past due now, whatever the period.' }) overdueNow!: number;
  @Field(() => Int, { description: 'Actions sent back to the branch at least once in the period.' }) returned!: number;
  @Field(() => Int, { description: 'Extensions asked in the period.' }) extensionsRequested!: number;
  @Field(() => Float, { nullable: true, description: 'Median days from assignment to confirmation, of those confirmed in the period.' })
  medianDaysToConfirm!: number | null;
  @Field(() => Int, { description: "Problems reopened in the period after this branch's action on them was confirmed." })
  recurrences!: number;
  @Field(() => Int, { description: 'Complaint cases against the branch (with its subtree) received in the period.' })
  complaintsReceived!: number;
  @Field(() => Int, {
    description: 'Complaint cases against the branch whose running limit (decision or 核实) has passed now, whatever the period.',
  })
  complaintsOverdueNow!: number;
  @Field(() => Int, { description: 'Praise (赞扬之声) customers gave the branch (with its subtree) on the days of the period.' })
  praise!: number;
}

@ObjectType('StageCycleTime', { description: 'Days a stage of the loop took, for the stages that ended in a month.' })
export class StageCycleTime {
  @Field(() => LoopStage) stage!: string;
  @Field(() => String, { description: 'The month (YYYY-MM) in which the stage ended.' }) month!: string;
  @Field(() => Int) problems!: number;
  @Field(() => Float) medianDays!: number;
  @Field(() => Float, { description: '90th percentile, nearest rank.' }) p90Days!: number;
}

@ObjectType('OutcomeCount')
export class OutcomeCount {
  @Field(() => Outcome) outcome!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('RootCauseShare', { description: 'Concluded problems of one root cause: a bar of the Pareto chart.' })
export class RootCauseShare {
  @Field(() => RootCause) rootCause!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'count ÷ all concluded problems of the period.' }) share!: number;
  @Field(() => Float, { description: 'The running total of shares, largest cause first.' }) cumulativeShare!: number;
  @Field(() => [OutcomeCount]) outcomes!: OutcomeCount[];
}

@ObjectType('Dashboard', { description: 'Where things stand, for the viewer’s scope.' })
export class Dashboard {
  @Field(() => DateTimeResolver, { nullable: true }) from!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) to!: Date | null;
  @Field(() => [StatusCount], { description: 'Problems by status now.' }) problemsByStatus!: StatusCount[];
  @Field(() => [KindCount]) feedbackByKind!: KindCount[];
  @Field(() => [ChannelCount]) feedbackByChannel!: ChannelCount[];
  @Field(() => [DailyFeedback], { description: 'Day by day over the range; without a range, the last 30 days; at most a year.' })
  feedbackDaily!: DailyFeedback[];
  @Field(() => Int, { description: 'Actions not yet confirmed, now.' }) openActions!: number;
  @Field(() => Int, { description: 'Actions not yet confirmed and past due, now.' }) overdueActions!: number;
  @Field(() => Kpis) kpis!: Kpis;
  @Field(() => [BranchLeagueRow], { description: 'The branch league table over the range, best first.' }) league!: BranchLeagueRow[];
  @Field(() => [StageCycleTime], { description: 'Stage cycle times over the range, per month; per category and for all (category null).' })
  cycleTimes!: StageCycleTime[];
  @Field(() => [RootCauseShare], { description: 'Consultations concluded in the range by root cause, largest first.' })
  rootCauses!: RootCauseShare[];
}

@ObjectType('CategoryTrend')
export class CategoryTrend {
  @Field(() => CategoryType) category!: object;
  @Field(() => Int) count!: number;
  @Field(() => Int, { description: 'The same count in the month before.' }) previousCount!: number;
}

@ObjectType('BranchVoc', { description: "A branch's feedback in the month: the whole bank's 分行, or a branch's own and its children's." })
export class BranchVoc {
  @Field(() => Int) praise!: number;
  @Field(() => Int) problems!: number;
  @Field(() => Int) suggestions!: number;
  @Field(() => Int) complaints!: number;
  @Field(() => Int) total!: number;
}

@ObjectType('QuoteGroup', { description: 'A representative quote and the group it is typical of.' })
export class QuoteGroup {
  @Field(() => FeedbackKind) kind!: string;
  @Field(() => Int, { description: 'Feedback of this kind and category in the month.' }) size!: number;
  @Field(() => FeedbackType) quote!: object;
}

@ObjectType('VocReport', { description: 'The monthly Voice of the Customer report (每月客户之声).' })
export class VocReport {
  @Field(() => String) month!: string;
  @Field(() => DateTimeResolver, { description: 'When the figures were computed (for a published version: when it was published).' })
  generatedAt!: Date;
  @Field(() => Int) praise!: number;
  @Field(() => Int) problems!: number;
  @Field(() => Int) suggestions!: number;
  @Field(() => Int) complaints!: number;
  @Field(() => Int) total!: number;
  @Field(() => [ChannelCount]) byChannel!: ChannelCount[];
  @Field(() => [CategoryTrend], { description: 'Categories by feedback this month, largest first, with the month before.' })
  topCategories!: CategoryTrend[];
  @Field(() => [BranchVoc]) byBranch!: BranchVoc[];
  @Field(() => [ProblemType]) newProblems!: object[];
  @Field(() => [ProblemType]) resolvedProblems!: object[];
  @Field(() => Int, { description: 'Linkage actions due in the month.' }) actionsDue!: number;
  @Field(() => Int, { description: 'Of those, confirmed by their due date.' }) actionsDoneOnTime!: number;
  @Field(() => Int, { description: 'Of those, confirmed after their due date.' }) actionsDoneLate!: number;
  @Field(() => Int, { description: 'Of those, not done on time: confirmed late, or open past their due date.' }) actionsOverdue!: number;
  @Field(() => Int, { description: 'Of those, open and not yet due.' }) actionsPending!: number;
  @Field(() => [FeedbackType], { description: 'Representative quotes of praise, problems and suggestions.' }) quotes!: object[];
  @Field(() => [QuoteGroup], { description: 'Each quote with the kind and category it is typical of.' }) quoteGroups!: QuoteGroup[];
  @Field(() => [ProblemType], { description: 'Problems whose outcome is a product innovation.' }) innovations!: object[];
  @Field(() => Kpis, { description: "The month's contact-center KPIs." }) kpis!: Kpis;
  @Field(() => [BranchLeagueRow], { description: 'The branch league table of the month, best first.' }) league!: BranchLeagueRow[];
  @Field(() => [StageCycleTime], { description: 'Cycle times of the stages that ended in the month.' }) cycleTimes!: StageCycleTime[];
  @Field(() => [RootCauseShare], { description: 'Consultations concluded in the month by root cause (Pareto).' })
  rootCauses!: RootCauseShare[];
}

@ObjectType('ReportChange', { description: 'A figure that differs from the previous published version.' })
export class ReportChange {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Float, { nullable: true }) before!: number | null;
  @Field(() => Float, { nullable: true }) after!: number | null;
}

@ObjectType('PublishedVocReport', {
  description: 'A published version of a monthly report: frozen, so late data does not change it; each republication is a new version.',
})
export class PublishedVocReport {
  @Field(() => String) month!: string;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeResolver) publishedAt!: Date;
  @Field(() => String, { description: 'What changed since the previous version, for the whole bank, in a line.' }) summary!: string;
}

@InputType('PublishVocReportInput')
export class PublishVocReportInput {
  @Field(() => String, { description: 'YYYY-MM; a month that has ended.' }) month!: string;
}
