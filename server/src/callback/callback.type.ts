import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../core/node.type.js';
import { Masked } from '../core/masked.js';
import { PageInfo } from '../core/page.type.js';
import { CallbackStatus, CallbackVerdict } from './callback.enums.js';

@ObjectType('CallbackAttempt', { description: 'One call made for a callback.' })
export class CallbackAttemptType {
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => Boolean) reached!: boolean;
  @Field(() => CallbackVerdict, { nullable: true }) verdict!: string | null;
  @Masked()
  @Field(() => String, { nullable: true, description: "The agent's note." })
  note!: string | null;
}

@ObjectType('Callback', {
  implements: Node,
  description:
    'A callback task (回访) for the contact center: when a problem is resolved, each distinct customer whose feedback or complaint ' +
    'case it holds is called back, due within CALLBACK_DUE_WORKING_DAYS working days.',
})
export class CallbackType {
  @Field(() => ID) id!: string;
  @Field(() => CallbackStatus) status!: string;
  @Field(() => CallbackVerdict, { nullable: true }) verdict!: string | null;
  @Masked()
  @Field(() => String, { nullable: true, description: "The customer's own words on the fix." })
  customerWords!: string | null;
  @Field(() => Int, { description: 'Calls made so far.' }) attempts!: number;
  @Field(() => DateTimeResolver, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => DateTimeResolver, { description: 'When the callback is due: working days after the resolution.' }) dueAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) closedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The feedback item that stands for the customer.' }) feedbackId!: string | null;
  @Field(() => Int, { description: 'Grows on every recorded call; recordCallbackAttempt takes it back as expectedVersion.' })
  version!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('CallbackEdge')
export class CallbackEdge {
  @Field(() => String) cursor!: string;
  @Field(() => CallbackType) node!: object;
}

@ObjectType('CallbackConnection')
export class CallbackConnection {
  @Field(() => [CallbackEdge]) edges!: CallbackEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('CallbackFilter')
export class CallbackFilter {
  @Field(() => [CallbackStatus], { nullable: true }) status?: ('OPEN' | 'COMPLETED' | 'UNREACHABLE')[] | null;
  @Field(() => ID, { nullable: true }) problemId?: string | null;
}

@InputType('RecordCallbackAttemptInput')
export class RecordCallbackAttemptInput {
  @Field(() => ID) callbackId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => Boolean, { description: 'Whether the customer was reached.' }) reached!: boolean;
  @Field(() => CallbackVerdict, { nullable: true, description: 'Required when reached; refused when not.' })
  verdict?: 'SATISFIED' | 'PARTLY' | 'NOT_SATISFIED' | null;
  @Field(() => String, { nullable: true, description: "The customer's words on the fix (when reached)." }) customerWords?: string | null;
  @Field(() => String, { nullable: true, description: "The agent's note on the call." }) note?: string | null;
}

@InputType('RevealCustomerPhoneInput')
export class RevealCustomerPhoneInput {
  @Field(() => ID, { nullable: true, description: 'A callback the agent works (exactly one of callbackId and caseId).' })
  callbackId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A complaint case the viewer handles.' }) caseId?: string | null;
}

@ObjectType('RevealedCustomerPhone', { description: "A customer's phone in clear; every reveal is in the audit trail." })
export class RevealedCustomerPhone {
  @Field(() => String, { nullable: true, description: 'Null when the customer left no phone.' }) phone!: string | null;
  @Field(() => ID, { nullable: true }) callbackId!: string | null;
  @Field(() => ID, { nullable: true }) caseId!: string | null;
}
