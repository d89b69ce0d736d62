import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';

// The contract's name is FeedbackCluster; in the code a similarity group is a group ("cluster" is
// the 3-in-3 alert's word in notification/).
@ObjectType('FeedbackCluster', { description: 'A group of similar feedback not yet attached to a problem: a candidate problem.' })
export class SuggestedGroupType {
  @Field(() => String, { description: 'Stable for the same members, so a client can act on a suggestion it showed.' })
  key!: string;
  @Field(() => String, { description: 'A short human label: the most representative text or its key terms.' })
  label!: string;
  @Field(() => Int) size!: number;
  @Field(() => Int, { nullable: true, description: 'Distinct customers (by customerRef) among the members; null when none carry one.' })
  customers!: number | null;
  @Field(() => DateTimeResolver) firstAt!: Date;
  @Field(() => DateTimeResolver) lastAt!: Date;
  @Field(() => [ID], { description: 'Every member, the closest to the centre first.' }) feedbackIds!: string[];
}

@ObjectType('BranchRecurrence')
export class BranchRecurrenceType {
  @Field(() => Int) before!: number;
  @Field(() => Int) after!: number;
}

@ObjectType('Recurrence', {
  description: 'Similar feedback before remediation began against the same length of window after the last action was confirmed.',
})
export class RecurrenceType {
  @Field(() => Int) windowDays!: number;
  @Field(() => Int, { description: 'Similar feedback in the windowDays before remediation began.' }) before!: number;
  @Field(() => Int, {
    description: 'Similar feedback since the last action was confirmed, up to windowDays after it (so far, while it runs).',
  })
  after!: number;
  @Field(() => Float, { nullable: true, description: 'Negative when the feedback fell; null while there is no window after yet.' })
  changePercent!: number | null;
  @Field(() => [BranchRecurrenceType], { description: 'Per branch the feedback came from, by code.' })
  byBranch!: BranchRecurrenceType[];
}
