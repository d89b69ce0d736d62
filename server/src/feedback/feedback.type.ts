import { Field, ID, ObjectType, InputType, Int } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../core/node.type.js';
import { FeedbackKind, Channel } from './feedback.enums.js';
import { PageInfo } from '../core/page.type.js';
import { PersonalData } from '../audit/index.js';

@ObjectType('Feedback', { implements: Node, description: 'One customer voice (客户之声): praise, a problem or a suggestion.' })
export class FeedbackType {
  @Field(() => ID) id!: string;
  @Field(() => FeedbackKind) kind!: string;
  @Field(() => Channel) channel!: string;
  @Field(() => DateTimeResolver) receivedAt!: Date;
  @Field(() => Boolean, { description: 'A formal complaint (投诉).' }) complaint!: boolean;
  @Field(() => Int, { description: 'Raised by every correction and the void: what correctFeedback and voidFeedback check.' })
  version!: number;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Voided (作废): still listed under its problem, struck through, but counted nowhere.',
  })
  voidedAt!: Date | null;
}

@ObjectType('FeedbackFieldChange', { description: "One field's value before and after a correction." })
export class FeedbackFieldChange {
  @Field(() => String, { description: 'kind, channel, categoryId, branchId, receivedAt, complaint, customerRef or text.' })
  field!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
}

@ObjectType('FeedbackCorrection', { description: "A line of a feedback item's history: a correction or its void, with the reason." })
export class FeedbackCorrection {
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => Boolean) voided!: boolean;
  @Field(() => String) reason!: string;
  @Field(() => [FeedbackFieldChange]) changes!: FeedbackFieldChange[];
}

@InputType('CorrectFeedbackInput', { description: 'Only the fields given change; customerRef: null clears it.' })
export class CorrectFeedbackInput {
  @Field(() => ID) feedbackId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { description: 'Why: 1 to 1,000 characters.' }) reason!: string;
  @Field(() => FeedbackKind, { nullable: true }) kind?: 'PRAISE' | 'PROBLEM' | 'SUGGESTION' | null;
  @Field(() => Channel, { nullable: true }) channel?: 'VOICE' | 'ONLINE' | 'WECHAT' | 'VIDEO' | 'BRANCH' | 'SELF_SERVICE' | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true }) branchId?: string | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) receivedAt?: Date | null;
  @Field(() => Boolean, { nullable: true }) complaint?: boolean | null;
  @Field(() => String, { nullable: true }) customerRef?: string | null;
}

@InputType('VoidFeedbackInput')
export class VoidFeedbackInput {
  @Field(() => ID) feedbackId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { description: 'Why: 1 to 1,000 characters.' }) reason!: string;
}

@ObjectType('FeedbackEdge')
export class FeedbackEdge {
  @Field(() => String) cursor!: string;
  @Field(() => FeedbackType) node!: object;
}

@ObjectType('FeedbackConnection')
export class FeedbackConnection {
  @Field(() => [FeedbackEdge]) edges!: FeedbackEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('FeedbackFilter')
export class FeedbackFilter {
  @Field(() => [FeedbackKind], { nullable: true }) kind?: string[] | null;
  @Field(() => [Channel], { nullable: true }) channel?: string[] | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true, description: 'This branch and everything under it.' }) branchId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Received at or after.' }) from?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Received before.' }) to?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Only feedback not yet attached to a problem.' }) unassigned?: boolean | null;
  @Field(() => String, { nullable: true, description: 'A substring of the text (Chinese works).' }) search?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Voided items too (an agent's own list shows them struck through); left out by default.",
  })
  includeVoided?: boolean | null;
}

@InputType('RecordFeedbackInput')
export class RecordFeedbackInput {
  @Field(() => FeedbackKind) kind!: 'PRAISE' | 'PROBLEM' | 'SUGGESTION';
  @Field(() => Channel) channel!: 'VOICE' | 'ONLINE' | 'WECHAT' | 'VIDEO' | 'BRANCH' | 'SELF_SERVICE';
  @Field(() => ID) categoryId!: string;
  @Field(() => ID) branchId!: string;
  @Field(() => String, { description: '1 to 4,000 characters after trimming.' }) text!: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Defaults to now.' }) receivedAt?: Date | null;
  @Field(() => Boolean, { nullable: true }) complaint?: boolean | null;
  @Field(() => String, { nullable: true }) customerRef?: string | null;
  // Kept out of the audit trail and logs: the audit row says only that a phone was given.
  @PersonalData()
  @Field(() => String, {
    nullable: true,
    description: "The customer's phone for a callback (回访): stored encrypted at rest, never shown in clear but to the callback's agent.",
  })
  customerPhone?: string | null;
  @Field(() => String, { nullable: true, description: 'The same key twice records once and returns the first record.' })
  idempotencyKey?: string | null;
}
