import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Channel } from '../feedback/index.js';
import { KpiName } from './kpi.enums.js';

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

@ObjectType('CallbackKpis', {
  description: 'Callback (回访) KPIs over the callbacks closed in the period and scope; a rate is null without a denominator.',
})
export class CallbackKpisType {
  @Field(() => Int, { description: 'Callbacks closed: COMPLETED or UNREACHABLE.' }) closed!: number;
  @Field(() => Int, { description: 'Closed with the customer reached (COMPLETED).' }) reached!: number;
  @Field(() => Int) unreachable!: number;
  @Field(() => Int) satisfied!: number;
  @Field(() => Int) partly!: number;
  @Field(() => Int) notSatisfied!: number;
  @Field(() => Float, { nullable: true, description: 'Reached ÷ closed. Higher is better.' }) reachRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'SATISFIED ÷ reached. Higher is better.' }) satisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'PARTLY ÷ reached.' }) partlySatisfiedRate!: number | null;
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
