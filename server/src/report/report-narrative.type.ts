import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Masked } from '../core/masked.js';
import { NARRATIVE_STATUSES } from './report-narrative.table.js';

export const NarrativeStatus = Object.fromEntries(NARRATIVE_STATUSES.map((v) => [v, v])) as {
  [K in (typeof NARRATIVE_STATUSES)[number]]: K;
};
registerEnumType(NarrativeStatus, {
  name: 'NarrativeStatus',
  description:
    'Where the monthly analysis stands: DRAFT (the analysts write), IN_REVIEW (the coordinator reviews), PUBLISHED (frozen into a version).',
});

/** The four sections, shared by the working copy and the frozen one. Staff text: masked like notes. */
@ObjectType('ReportNarrativeText', { description: 'The sections of the monthly analysis (月度客户之声分析).' })
export class ReportNarrativeText {
  @Masked() @Field(() => String, { description: '本月要点: the month’s highlights.' }) highlights!: string;
  @Masked() @Field(() => String, { description: '问题分析: analysis of the month’s problems.' }) analysis!: string;
  @Masked() @Field(() => String, { description: '改进建议: recommendations.' }) recommendations!: string;
  @Masked() @Field(() => String, { description: '创新进展: innovation progress.' }) innovation!: string;
  @Field(() => DateTimeResolver, { description: 'When its text was last saved.' }) updatedAt!: Date;
}

@ObjectType('ReportNarrative', { description: 'A month’s working analysis, written by the analysts and reviewed by the coordinator.' })
export class ReportNarrativeType extends ReportNarrativeText {
  @Field(() => String, { description: 'YYYY-MM.' }) month!: string;
  @Field(() => NarrativeStatus) status!: string;
  @Field(() => Int, { description: 'Grows with every change; give it back as expectedVersion.' }) version!: number;
  @Masked()
  @Field(() => String, { nullable: true, description: 'Why the coordinator sent it back, the last time.' })
  returnReason!: string | null;
  @Field(() => Int, { nullable: true, description: 'The report version that last froze it.' }) publishedVersion!: number | null;
}

@InputType('SaveReportNarrativeInput', { description: 'Sections left out keep their text.' })
export class SaveReportNarrativeInput {
  @Field(() => String, { description: 'YYYY-MM.' }) month!: string;
  @Field(() => String, { nullable: true }) highlights?: string | null;
  @Field(() => String, { nullable: true }) analysis?: string | null;
  @Field(() => String, { nullable: true }) recommendations?: string | null;
  @Field(() => String, { nullable: true }) innovation?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version read (0: none yet); CONFLICT when it has moved.' })
  expectedVersion?: number | null;
}

@InputType('SubmitReportNarrativeInput')
export class SubmitReportNarrativeInput {
  @Field(() => String) month!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType('ReturnReportNarrativeInput')
export class ReturnReportNarrativeInput {
  @Field(() => String) month!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { description: 'What to change, for the analysts.' }) reason!: string;
}
