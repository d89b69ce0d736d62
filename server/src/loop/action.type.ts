import { Field, ID, ObjectType, InputType, Int } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../core/node.type.js';
import { Masked } from '../core/masked.js';
import { ActionStatus, ExtensionDecision } from './action.enums.js';
import { PageInfo } from '../core/page.type.js';

@ObjectType('LinkageAction', { implements: Node, description: 'One row of the head-office/branch linkage table (总、分行联动服务表).' })
export class LinkageActionType {
  @Field(() => ID) id!: string;
  @Masked()
  @Field(() => String)
  title!: string;
  @Masked()
  @Field(() => String)
  description!: string;
  @Field(() => DateTimeResolver) dueAt!: Date;
  @Field(() => ActionStatus) status!: string;
  @Field(() => Int) version!: number;
  @Masked()
  @Field(() => String, { nullable: true, description: 'Why the action was last declined, cancelled or reassigned.' })
  statusReason!: string | null;
}

@ObjectType('ActionUpdate', { description: 'A step of an action: progress, evidence, a return, a confirmation.' })
export class ActionUpdateType {
  @Masked()
  @Field(() => String)
  note!: string;
  @Field(() => ActionStatus) status!: string;
  @Field(() => DateTimeResolver) at!: Date;
}

@ObjectType('ExtensionRequest', { description: "A branch's request for a later due date." })
export class ExtensionRequestType {
  @Field(() => DateTimeResolver) requestedDueAt!: Date;
  @Masked()
  @Field(() => String)
  reason!: string;
  @Field(() => ExtensionDecision) decision!: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'The date granted when the coordinator chose another than the one asked.' })
  grantedDueAt!: Date | null;
}

@ObjectType('LinkageActionEdge')
export class LinkageActionEdge {
  @Field(() => String) cursor!: string;
  @Field(() => LinkageActionType) node!: object;
}

@ObjectType('LinkageActionConnection')
export class LinkageActionConnection {
  @Field(() => [LinkageActionEdge]) edges!: LinkageActionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('ActionFilter')
export class ActionFilter {
  @Field(() => [ActionStatus], { nullable: true }) status?: string[] | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Actions of this branch subtree.' }) branchId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "true: only actions whose owner's extension request waits for the coordinator's decision (the desk's queue).",
  })
  extensionPending?: boolean | null;
}

@InputType('ActionInput')
export class ActionInput {
  @Field(() => ID, { nullable: true, description: 'Exactly one of branchId and departmentId.' }) branchId?: string | null;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => DateTimeResolver, { description: 'In the future.' }) dueAt!: Date;
}

@InputType('AddActionInput')
export class AddActionInput {
  @Field(() => ID) problemId!: string;
  @Field(() => ActionInput) action!: ActionInput;
}

@InputType('ActionStepInput')
export class ActionStepInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType('ReportProgressInput')
export class ReportProgressInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) note!: string;
}

@InputType('SubmitActionInput')
export class SubmitActionInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) evidence!: string;
}

@InputType('ReturnActionInput')
export class ReturnActionInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) reason!: string;
}

@InputType('RequestExtensionInput')
export class RequestExtensionInput {
  @Field(() => ID) actionId!: string;
  @Field(() => DateTimeResolver) dueAt!: Date;
  @Field(() => String) reason!: string;
}

@InputType('DecideExtensionInput')
export class DecideExtensionInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Boolean) grant!: boolean;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'With grant: another date than the one asked (later than the current due date, in the future).',
  })
  grantedDueAt?: Date | null;
}

@InputType('DeclineActionInput', { description: 'The owner sends a row sent to them by mistake back to the coordinator.' })
export class DeclineActionInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) reason!: string;
}

@InputType('CancelActionInput', { description: 'The coordinator withdraws a row; it stays in the table as CANCELLED.' })
export class CancelActionInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) reason!: string;
}

@InputType('ReassignActionInput', { description: 'The coordinator sends a row to another branch or department; it starts over there.' })
export class ReassignActionInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => ID, { nullable: true, description: 'Exactly one of branchId and departmentId.' }) branchId?: string | null;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'A new due date for the new owner, in the future.' })
  dueAt?: Date | null;
  @Field(() => String) reason!: string;
}

@InputType('ChangeActionDueDateInput')
export class ChangeActionDueDateInput {
  @Field(() => ID) actionId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => DateTimeResolver, { description: 'In the future.' }) dueAt!: Date;
  @Field(() => String) reason!: string;
}
