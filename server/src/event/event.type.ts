import { Field, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { HubEventType } from './event.enums.js';

@ObjectType('HubEvent', { description: 'Who did what, when, from which status to which: the audit trail and the live feed.' })
export class HubEventObject {
  @Field(() => HubEventType) type!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => String, { nullable: true }) fromStatus!: string | null;
  @Field(() => String, { nullable: true }) toStatus!: string | null;
}
