import { Field, Float, InputType, Int, ObjectType, ID } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ProblemStatus, FeedbackKind, Channel } from '../core/graphql-enums.js';
import { CategoryType, BranchType } from '../org/org.type.js';
import { ProblemType } from '../problem/problem.type.js';
import { FeedbackType } from '../feedback/feedback.type.js';

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

@ObjectType('Kpis', { description: 'Contact-center KPIs over contact records; a rate is null when it has no denominator.' })
export class Kpis {
  @Field(() => Int) contacts!: number;
  @Field(() => Float, { nullable: true, description: 'Answered within the threshold (25 s) ÷ offered. Higher is better.' }) serviceLevel!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Answered ÷ offered. Higher is better.' }) answerRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'First response within 30 s ÷ sessions with a first response. Higher is better.' })
  responseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Ratings of 4 or 5 ÷ ratings. Higher is better.' }) satisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Transferred ÷ answered. Lower is better.' }) transferRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Work orders ÷ answered. Lower is better.' }) workOrderRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Complaints ÷ answered. Lower is better.' }) complaintRate!: number | null;
}

@ObjectType('Dashboard', { description: 'Where things stand, for the viewer’s scope.' })
export class Dashboard {
  @Field(() => [StatusCount]) problemsByStatus!: StatusCount[];
  @Field(() => [KindCount]) feedbackByKind!: KindCount[];
  @Field(() => [ChannelCount]) feedbackByChannel!: ChannelCount[];
  @Field(() => Int) openActions!: number;
  @Field(() => Int) overdueActions!: number;
  @Field(() => Kpis) kpis!: Kpis;
}

@ObjectType('CategoryTrend')
export class CategoryTrend {
  @Field(() => CategoryType) category!: object;
  @Field(() => Int) count!: number;
  @Field(() => Int, { description: 'The same count in the month before.' }) previousCount!: number;
}

@ObjectType('BranchVoc')
export class BranchVoc {
  @Field(() => BranchType) branch!: object;
  @Field(() => Int) praise!: number;
  @Field(() => Int) problems!: number;
  @Field(() => Int) suggestions!: number;
  @Field(() => Int) complaints!: number;
}

@ObjectType('VocReport', { description: 'The monthly Voice of the Customer report (每月客户之声).' })
export class VocReport {
  @Field(() => String) month!: string;
  @Field(() => Int) praise!: number;
  @Field(() => Int) problems!: number;
  @Field(() => Int) suggestions!: number;
  @Field(() => Int) complaints!: number;
  @Field(() => [ChannelCount]) byChannel!: ChannelCount[];
  @Field(() => [CategoryTrend]) topCategories!: CategoryTrend[];
  @Field(() => [BranchVoc]) byBranch!: BranchVoc[];
  @Field(() => [ProblemType]) newProblems!: object[];
  @Field(() => [ProblemType]) resolvedProblems!: object[];
  @Field(() => Int) actionsDue!: number;
  @Field(() => Int) actionsDoneOnTime!: number;
  @Field(() => Int) actionsOverdue!: number;
  @Field(() => [FeedbackType], { description: 'Representative quotes of praise, problems and suggestions.' }) quotes!: object[];
  @Field(() => [ProblemType], { description: 'Problems whose outcome is a product innovation.' }) innovations!: object[];
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
  @Field(() => [ContactRecordInput]) records!: ContactRecordInput[];
}
