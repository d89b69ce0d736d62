import { Field, ID, ObjectType, InputType, Int } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../core/node.type.js';
import { Masked } from '../core/masked.js';
import { ProblemStatus, Severity, RootCause, Outcome } from './problem.enums.js';
import { PageInfo } from '../core/page.type.js';
import { ActionInput } from './action.type.js';

@ObjectType('Problem', { implements: Node, description: 'A problem grouped from feedback, carried through the loop.' })
export class ProblemType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Human reference, unique, stable (e.g. VOC-2026-00042).' }) code!: string;
  @Masked()
  @Field(() => String)
  title!: string;
  @Field(() => ProblemStatus) status!: string;
  @Field(() => Severity) severity!: string;
  @Field(() => Int, { description: 'Grows on every change; mutations take it back as expectedVersion.' }) version!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
  @Masked()
  @Field(() => String, { nullable: true, description: 'Why the problem was dismissed.' })
  dismissReason!: string | null;
}

@ObjectType('ProblemEdge')
export class ProblemEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ProblemType) node!: object;
}

@ObjectType('ProblemConnection')
export class ProblemConnection {
  @Field(() => [ProblemEdge]) edges!: ProblemEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('Diagnosis', { description: "The contact center's preliminary diagnosis (初诊意见)." })
export class DiagnosisType {
  @Masked()
  @Field(() => String)
  summary!: string;
  @Masked()
  @Field(() => String)
  customerImpact!: string;
  @Field(() => RootCause) suspectedCause!: string;
  @Field(() => DateTimeResolver) submittedAt!: Date;
}

@ObjectType('Consultation', { description: "Head-office experts' consultation (会诊)." })
export class ConsultationType {
  @Field(() => DateTimeResolver) openedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) dueAt!: Date | null;
}

@ObjectType('ExpertOpinion', { description: "An invited expert's opinion." })
export class ExpertOpinionType {
  @Masked()
  @Field(() => String)
  body!: string;
  @Field(() => Boolean) agreesWithDiagnosis!: boolean;
  @Field(() => DateTimeResolver) submittedAt!: Date;
}

@ObjectType('ConsultationConclusion', { description: 'The consultation opinion (会诊意见): root cause and remediation plan.' })
export class ConsultationConclusionType {
  @Field(() => RootCause) rootCause!: string;
  @Masked()
  @Field(() => String)
  rootCauseDetail!: string;
  @Masked()
  @Field(() => String)
  remediationPlan!: string;
  @Field(() => Outcome, { description: 'What fixing it produced: a fix, a process or system change, training, or a product innovation.' })
  outcome!: string;
  @Field(() => DateTimeResolver) issuedAt!: Date;
}

/** What every change to a problem names: the problem, and the version the client saw (CONFLICT when stale). */
// Not in the schema: no resolver names it, so buildSchema leaves it out; its subclasses inherit its fields.
@InputType('ProblemChangeInput')
abstract class ProblemChangeInput {
  @Field(() => ID) problemId!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType('ProblemFilter')
export class ProblemFilter {
  @Field(() => [ProblemStatus], { nullable: true }) status?: string[] | null;
  @Field(() => [Severity], { nullable: true }) severity?: string[] | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Problems with feedback or an action in this branch subtree.' }) branchId?: string | null;
  @Field(() => String, { nullable: true, description: 'A substring of the title, the code or the feedback text.' }) search?: string | null;
}

@InputType('OpenProblemInput')
export class OpenProblemInput {
  @Field(() => String) title!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => Severity) severity!: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  @Field(() => [ID], { description: 'Feedback not yet attached to any problem.' }) feedbackIds!: string[];
}

@InputType('AttachFeedbackInput')
export class AttachFeedbackInput extends ProblemChangeInput {
  @Field(() => [ID]) feedbackIds!: string[];
}

@InputType('MergeProblemInput')
export class MergeProblemInput extends ProblemChangeInput {
  @Field(() => ID) intoProblemId!: string;
}

@InputType('DismissProblemInput')
export class DismissProblemInput extends ProblemChangeInput {
  @Field(() => String) reason!: string;
}

@InputType('SubmitDiagnosisInput')
export class SubmitDiagnosisInput extends ProblemChangeInput {
  @Field(() => String) summary!: string;
  @Field(() => String) customerImpact!: string;
  @Field(() => RootCause) suspectedCause!:
    'PRODUCT_DESIGN' | 'BUSINESS_PROCESS' | 'IT_SYSTEM' | 'STAFF_SERVICE' | 'POLICY' | 'THIRD_PARTY' | 'OTHER';
  @Field(() => [ID]) proposedDepartmentIds!: string[];
  @Field(() => Severity, { nullable: true }) severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' | null;
}

@InputType('OpenConsultationInput')
export class OpenConsultationInput extends ProblemChangeInput {
  @Field(() => [ID]) expertIds!: string[];
  @Field(() => DateTimeResolver, { nullable: true }) dueAt?: Date | null;
}

@InputType('SubmitOpinionInput')
export class SubmitOpinionInput {
  @Field(() => ID) problemId!: string;
  @Field(() => String) body!: string;
  @Field(() => Boolean) agreesWithDiagnosis!: boolean;
}

@InputType('ConcludeConsultationInput')
export class ConcludeConsultationInput extends ProblemChangeInput {
  @Field(() => RootCause) rootCause!:
    'PRODUCT_DESIGN' | 'BUSINESS_PROCESS' | 'IT_SYSTEM' | 'STAFF_SERVICE' | 'POLICY' | 'THIRD_PARTY' | 'OTHER';
  @Field(() => String) rootCauseDetail!: string;
  @Field(() => String) remediationPlan!: string;
  @Field(() => Outcome) outcome!: 'FIX' | 'PROCESS_CHANGE' | 'SYSTEM_CHANGE' | 'TRAINING' | 'PRODUCT_INNOVATION';
  @Field(() => [ActionInput]) actions!: ActionInput[];
}

@InputType('ResolveProblemInput')
export class ResolveProblemInput extends ProblemChangeInput {
  @Field(() => String) note!: string;
}

@InputType('ReopenProblemInput')
export class ReopenProblemInput extends ProblemChangeInput {
  @Field(() => String) reason!: string;
}

@InputType('CorrectProblemInput', { description: "Corrects a live problem's title, category, severity or branches; at least one." })
export class CorrectProblemInput extends ProblemChangeInput {
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => Severity, { nullable: true }) severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' | null;
  @Field(() => [ID], {
    nullable: true,
    description: "The problem's branches; those its feedback came from or its actions are in must stay in the list.",
  })
  branchIds?: string[] | null;
}

@InputType('ReviseDiagnosisInput', { description: 'Rewrites the preliminary diagnosis until a consultation opens.' })
export class ReviseDiagnosisInput extends SubmitDiagnosisInput {
  @Field(() => String) reason!: string;
}

@InputType('DetachFeedbackInput', { description: 'Feedback attached by mistake returns to the inbox.' })
export class DetachFeedbackInput extends ProblemChangeInput {
  @Field(() => [ID]) feedbackIds!: string[];
  @Field(() => String) reason!: string;
}

@InputType('MergeProblemsInput', { description: 'A duplicate joins its target at any open stage, with its feedback, actions and history.' })
export class MergeProblemsInput {
  @Field(() => ID, { description: 'The duplicate.' }) problemId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => ID) intoProblemId!: string;
  @Field(() => String) reason!: string;
}

@InputType('ChangeExpertsInput', { description: 'Experts invited to, or removed from, an open consultation.' })
export class ChangeExpertsInput extends ProblemChangeInput {
  @Field(() => [ID]) expertIds!: string[];
  @Field(() => String) reason!: string;
}

@InputType('DeclineInvitationInput')
export class DeclineInvitationInput {
  @Field(() => ID) problemId!: string;
  @Field(() => String) reason!: string;
}
