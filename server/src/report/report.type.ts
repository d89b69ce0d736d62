import { Extensions, Field, Float, InputType, Int, ObjectType, ID, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ProblemStatus, RootCause, Outcome, ProblemType } from '../loop/index.js';
import { FeedbackKind, Channel, FeedbackType } from '../feedback/index.js';
import { CategoryType } from '../org/index.js';
import { KPI_NAMES } from '../kpi/index.js';
import { LOOP_STAGES } from './loop-performance.rules.js';
import { CallbackKpisType } from '../callback/index.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const KpiName = enumOf(KPI_NAMES);
export const LoopStage = enumOf(LOOP_STAGES);
registerEnumType(KpiName, { name: 'KpiName', description: 'The contact-center KPIs: 三高三低 and the repeat-contact rate.' });
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

@ObjectType('KpiCounters', { description: 'The counts every KPI is a ratio of.' })
export class KpiCountersType {
  @Field(() => Int) offered!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int, { description: 'Answered within the service-level threshold.' }) answeredWithinThreshold!: number;
  @Field(() => Int, { description: 'Sessions that record a first response.' }) responded!: number;
  @Field(() => Int, { description: 'First response within the response threshold.' }) respondedWithinThreshold!: number;
  @Field(() => Int) rated!: number;
  @Field(() => Int, { description: 'Ratings of 4 or 5.' }) satisfied!: number;
  @Field(() => Int, { description: 'Answered and transferred.' }) transferred!: number;
  @Field(() => Int, { description: 'Answered and raised a work order.' }) workOrders!: number;
  @Field(() => Int, { description: 'Answered and a complaint.' }) complaints!: number;
  @Field(() => Int, { description: 'Contacts that carry a customer reference.' }) identified!: number;
  @Field(() => Int, { description: 'Identified contacts whose customer had another contact within the repeat window before.' })
  repeats!: number;
}

@ObjectType('KpiAssessment', { description: 'One KPI against its configured target.' })
export class KpiAssessmentType {
  @Field(() => KpiName) kpi!: string;
  @Field(() => Float, { nullable: true, description: 'Null when the KPI has no denominator.' }) value!: number | null;
  @Field(() => Float) target!: number;
  @Field(() => Boolean, { description: 'True for 三高 (the target is a floor), false for 三低 (a ceiling).' }) higherIsBetter!: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Null when there is no value to judge.' }) meetsTarget!: boolean | null;
}

@ObjectType('Kpis', { description: 'Contact-center KPIs over contact records; a rate is null when it has no denominator.' })
export class Kpis {
  @Field(() => Int) contacts!: number;
  @Field(() => Float, { nullable: true, description: 'Answered within the service-level threshold (25 s) ÷ offered. Higher is better.' })
  serviceLevel!: number | null;
  @Field(() => Float, { nullable: true, description: 'Answered ÷ offered. Higher is better.' }) answerRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'First response within the response threshold (30 s) ÷ sessions with a first response. Higher is better.',
  })
  responseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Ratings of 4 or 5 ÷ ratings. Higher is better.' }) satisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Transferred ÷ answered. Lower is better.' }) transferRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Work orders ÷ answered. Lower is better.' }) workOrderRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Complaints ÷ answered. Lower is better.' }) complaintRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Contacts whose customer contacted again within the repeat window before ÷ contacts with a customer reference. Lower is better.',
  })
  repeatContactRate!: number | null;
  @Field(() => KpiCountersType) counters!: KpiCountersType;
  @Field(() => Int, { description: 'The service-level threshold in seconds (configuration).' }) serviceLevelSeconds!: number;
  @Field(() => Int, { description: 'The response threshold in seconds (configuration).' }) responseSeconds!: number;
  @Field(() => Int, { description: 'The repeat-contact window in days (configuration).' }) repeatWindowDays!: number;
  @Field(() => [KpiAssessmentType], { description: 'Each KPI against its target.' }) assessments!: KpiAssessmentType[];
  @Field(() => CallbackKpisType, {
    nullable: true,
    description:
      'Callbacks (回访) closed in the period and scope: reach rate (reached ÷ closed), satisfaction (satisfied ÷ reached) and partly ' +
      'satisfied (partly ÷ reached). Null in a report published before callbacks existed.',
  })
  callbacks!: CallbackKpisType | null;
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

@InputType('ContactRecordInput')
export class ContactRecordInput {
  @Field(() => Channel) channel!: 'VOICE' | 'ONLINE' | 'WECHAT' | 'VIDEO' | 'BRANCH' | 'SELF_SERVICE';
  @Field(() => ID, { nullable: true }) branchId?: string | null;
  @Field(() => DateTimeResolver) offeredAt!: Date;
  @Field(() => Boolean) answered!: boolean;
  @Field(() => Int) waitSeconds!: number;
  @Field(() => Int, { nullable: true }) firstResponseSeconds?: number | null;
  @Field(() => Boolean) transferred!: boolean;
  @Field(() => Boolean) workOrder!: boolean;
  @Field(() => Boolean) complaint!: boolean;
  @Field(() => Int, { nullable: true, description: '1 to 5; 4 and 5 count as satisfied.' }) satisfaction?: number | null;
  @Field(() => String, { nullable: true, description: 'The customer, for the repeat-contact rate.' }) customerRef?: string | null;
}

@InputType('RecordContactsInput')
export class RecordContactsInput {
  // The service takes up to 10,000 records a call (a day of one center's contacts).
  @Extensions({ maxItems: 10_000 })
  @Field(() => [ContactRecordInput])
  records!: ContactRecordInput[];
}
