import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../core/node.type.js';
import { Masked } from '../core/masked.js';
import { PageInfo } from '../core/page.type.js';
import { ComplaintCodeAxis, ComplaintRemedy, ComplaintStatus } from './complaint.enums.js';
import { PersonalData } from '../audit/index.js';

@ObjectType('ComplaintCode', { description: 'One code of JR/T 0169-2018 (金融消费者投诉统计分类及编码 银行业金融机构).' })
export class ComplaintCodeType {
  @Field(() => ComplaintCodeAxis) axis!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'The enclosing class, for a code within a class.' }) parentCode!: string | null;
  @Field(() => Boolean, { description: 'False once the admin retired it: kept on the cases that carry it, refused for new ones.' })
  active!: boolean;
  @Field(() => Int, { description: 'Grows on every change; the admin’s mutations take it back as expectedVersion.' })
  version!: number;
}

@InputType('AddComplaintCodeInput')
export class AddComplaintCodeInput {
  @Field(() => ComplaintCodeAxis) axis!: 'CHANNEL' | 'BUSINESS' | 'CAUSE';
  @Field(() => String, { description: 'The axis letter (A, B, C) and 2 to 14 digits; a sub-code extends its class’s code.' })
  code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'The enclosing class (same axis).' }) parentCode?: string | null;
}

@InputType('UpdateComplaintCodeInput')
export class UpdateComplaintCodeInput {
  @Field(() => ComplaintCodeAxis) axis!: 'CHANNEL' | 'BUSINESS' | 'CAUSE';
  @Field(() => String) code!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'A new name.' }) name?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false retires the code (no new case takes it); true restores it.' })
  active?: boolean | null;
}

@InputType('DeleteComplaintCodeInput')
export class DeleteComplaintCodeInput {
  @Field(() => ComplaintCodeAxis) axis!: 'CHANNEL' | 'BUSINESS' | 'CAUSE';
  @Field(() => String) code!: string;
  @Field(() => Int) expectedVersion!: number;
}

@ObjectType('ComplaintExtension', { description: "An extension of a complaint's time limit; the customer is told of each." })
export class ComplaintExtensionType {
  @Field(() => Int, { description: '1: to 30 days from receipt; 2: to 60 days, with head-office approval.' }) ordinal!: number;
  @Masked()
  @Field(() => String)
  reason!: string;
  @Field(() => DateTimeResolver) previousDueAt!: Date;
  @Field(() => DateTimeResolver) dueAt!: Date;
  @Field(() => DateTimeResolver, { description: 'When the customer was told of the extension.' }) customerToldAt!: Date;
  @Field(() => DateTimeResolver) at!: Date;
}

@ObjectType('ComplaintDecision', { description: 'The decision told to the customer (处理决定).' })
export class ComplaintDecisionType {
  @Masked()
  @Field(() => String, { description: 'What was verified.' })
  findings!: string;
  @Masked()
  @Field(() => String, { description: 'The basis and reasons.' })
  basis!: string;
  @Field(() => [ComplaintRemedy], { description: 'The remedies open to the customer.' }) remedies!: string[];
  @Field(() => DateTimeResolver) decidedAt!: Date;
}

@ObjectType('ComplaintCase', {
  implements: Node,
  description:
    'A complaint case (投诉工单) handled to 《银行业保险业消费投诉处理管理办法》: due 15 natural days after receipt, 30 after a ' +
    'first extension, 60 after a second approved by head office; a last day on a non-working day moves to the next working day.',
})
export class ComplaintCaseType {
  @Field(() => ID) id!: string;
  @Field(() => ComplaintStatus) status!: string;
  @Field(() => String, { description: 'JR/T 0169-2018 (A) channel code.' }) channelCode!: string;
  @Field(() => String, { description: 'JR/T 0169-2018 (B) business type code.' }) businessCode!: string;
  @Field(() => String, { description: 'JR/T 0169-2018 (C) cause code.' }) causeCode!: string;
  @Field(() => DateTimeResolver) receivedAt!: Date;
  @Field(() => DateTimeResolver, { description: 'The regulatory due date: the last instant of the last day, bank time.' }) dueAt!: Date;
  @Field(() => Int, { description: 'Extensions granted: 0, 1 or 2.' }) extensions!: number;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When 核实 was requested.' }) reviewRequestedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When 核实 is due: 30 days after the request.' }) reviewDueAt!: Date | null;
  @Masked()
  @Field(() => String, { nullable: true, description: 'The outcome of 核实.' })
  reviewOutcome!: string | null;
  @Field(() => Boolean, { nullable: true, description: '核实 upheld the decision (true) or changed it (false); null when not said.' })
  reviewUpheld!: boolean | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the case ended: accepted, reviewed, withdrawn or archived.' })
  closedAt!: Date | null;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'When a dissatisfied callback (回访) last reopened the case (back to HANDLING, limits counted afresh from then).',
  })
  reopenedAt!: Date | null;
  @Field(() => Int, { description: 'Grows on every change; mutations take it back as expectedVersion.' }) version!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('ComplaintCaseEdge')
export class ComplaintCaseEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ComplaintCaseType) node!: object;
}

@ObjectType('ComplaintCaseConnection')
export class ComplaintCaseConnection {
  @Field(() => [ComplaintCaseEdge]) edges!: ComplaintCaseEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('ComplaintFilter')
export class ComplaintFilter {
  @Field(() => [ComplaintStatus], { nullable: true }) status?: ('REGISTERED' | 'HANDLING')[] | null;
  @Field(() => ID, { nullable: true, description: 'Cases of this branch subtree.' }) branchId?: string | null;
  @Field(() => ID, { nullable: true }) problemId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Head-office supervision: only cases whose running limit (the decision’s or 核实’s) has passed.',
  })
  overdueOnly?: boolean | null;
}

@InputType('RegisterComplaintInput')
export class RegisterComplaintInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A feedback item flagged complaint; gives the branch, customer and receipt time unless set.',
  })
  feedbackId?: string | null;
  @Field(() => String, { nullable: true, description: 'The customer reference; masked like feedback.' }) customerRef?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The branch complained about (属地), which handles the case. Required without feedbackId.',
  })
  branchId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The staff member complained about (a user): never the handler (回避).' })
  subjectStaffId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The department complained about: none of its members handles the case (回避).' })
  subjectDepartmentId?: string | null;
  @Field(() => String) channelCode!: string;
  @Field(() => String) businessCode!: string;
  @Field(() => String) causeCode!: string;
  @Field(() => String, { description: "The customer's request." }) request!: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the complaint was received; now by default.' })
  receivedAt?: Date | null;
  // Kept out of the audit trail and logs: the audit row says only that a phone was given.
  @PersonalData()
  @Field(() => String, {
    nullable: true,
    description:
      "The customer's phone for the callback (回访): stored encrypted, shown masked (138****5678); in clear only through revealCustomerPhone.",
  })
  customerPhone?: string | null;
}

@InputType('ComplaintStepInput')
export class ComplaintStepInput {
  @Field(() => ID) caseId!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType('AssignComplaintInput')
export class AssignComplaintInput extends ComplaintStepInput {
  @Field(() => ID, { description: 'The handler: neither the staff member nor a member of the department complained about.' })
  handlerId!: string;
}

@InputType('ExtendComplaintInput')
export class ExtendComplaintInput extends ComplaintStepInput {
  @Field(() => String, { description: 'Why the case is complex.' }) reason!: string;
  @Field(() => DateTimeResolver, { description: 'When the customer was told of the extension.' }) customerToldAt!: Date;
}

@InputType('DecideComplaintInput')
export class DecideComplaintInput extends ComplaintStepInput {
  @Field(() => String, { description: 'What was verified.' }) findings!: string;
  @Field(() => String, { description: 'The basis and reasons.' }) basis!: string;
  @Field(() => [ComplaintRemedy], { description: 'The remedies open to the customer.' }) remedies!: (
    'REVIEW' | 'MEDIATION' | 'ARBITRATION' | 'LITIGATION'
  )[];
}

@InputType('RequestComplaintReviewInput')
export class RequestComplaintReviewInput extends ComplaintStepInput {
  @Field(() => String, { description: "The customer's grounds for asking for 核实." }) reason!: string;
}

@InputType('CompleteComplaintReviewInput')
export class CompleteComplaintReviewInput extends ComplaintStepInput {
  @Field(() => String, { description: 'The outcome of 核实, as told to the customer.' }) outcome!: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether 核实 upheld the decision (true) or changed it (false), for the regulatory statistics.',
  })
  upheld?: boolean | null;
}

@InputType('WithdrawComplaintInput')
export class WithdrawComplaintInput extends ComplaintStepInput {
  @Field(() => String, { description: 'How and when the customer withdrew.' }) note!: string;
}

@InputType('LinkComplaintToProblemInput')
export class LinkComplaintToProblemInput extends ComplaintStepInput {
  @Field(() => ID, { description: 'The problem that traces the root cause (溯源整改).' }) problemId!: string;
}
