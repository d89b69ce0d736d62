import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';

@ObjectType('ComplaintFigures', {
  description:
    'The regulator’s figures for a set of complaint cases (by receipt). Decided within N days: the decision told within the ' +
    'N-day limit from receipt (receipt day not counted, a last day off moved to the next working day), so within 30 includes ' +
    'within 15. Overdue: decided after the due date (extensions included), or undecided and past it at asOf; a case withdrawn ' +
    'undecided counts only if withdrawn after its due date.',
})
export class ComplaintFiguresType {
  @Field(() => Int, { description: 'Cases received (受理).' }) received!: number;
  @Field(() => Int) decidedWithin15Days!: number;
  @Field(() => Int) decidedWithin30Days!: number;
  @Field(() => Int) decidedWithin60Days!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) withdrawn!: number;
  @Field(() => Int, { description: '核实 requested by the customer.' }) reviewRequested!: number;
  @Field(() => Int, { description: '核实 upheld the decision.' }) reviewUpheld!: number;
  @Field(() => Int, { description: '核实 changed the decision.' }) reviewChanged!: number;
  @Field(() => Int, { description: '核实 not completed, or completed without saying whether it upheld the decision.' })
  reviewPending!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean days from receipt to the decision told, over decided cases, to 0.01; null when none is decided.',
  })
  averageHandlingDays!: number | null;
}

/** A JR/T 0169-2018 (A) channel × (B) business × (C) cause code, each axis by code and name: what figures and counts by code share. */
// Not in the schema: no resolver names it, so buildSchema leaves it out; its subclasses inherit its fields.
@ObjectType('ComplaintCodeFields')
abstract class ComplaintCodeFields {
  @Field(() => String) channelCode!: string;
  @Field(() => String) channelName!: string;
  @Field(() => String) businessCode!: string;
  @Field(() => String) businessName!: string;
  @Field(() => String) causeCode!: string;
  @Field(() => String) causeName!: string;
}

@ObjectType('ComplaintCodeFigures', { description: 'The figures of one JR/T 0169-2018 (A) channel × (B) business × (C) cause.' })
export class ComplaintCodeFiguresType extends ComplaintCodeFields {
  @Field(() => ComplaintFiguresType) figures!: ComplaintFiguresType;
}

@ObjectType('ComplaintBranchFigures', { description: 'The figures of the cases of one branch complained about.' })
export class ComplaintBranchFiguresType {
  branchId!: string;
  @Field(() => ComplaintFiguresType) figures!: ComplaintFiguresType;
}

@ObjectType('ComplaintStatistics', {
  description:
    'A quarter’s complaint statistics (《办法》 periodic statistics) by JR/T 0169-2018 code and by branch; the same figures as ' +
    'GET /exports/complaints/YYYY-Qn.xlsx.',
})
export class ComplaintStatisticsType {
  @Field(() => String, { description: 'YYYY-Qn.' }) quarter!: string;
  @Field(() => DateTimeResolver, { description: 'The quarter’s first instant, bank time.' }) from!: Date;
  @Field(() => DateTimeResolver, { description: 'The instant after the quarter.' }) to!: Date;
  @Field(() => DateTimeResolver, { description: 'When overdue was judged: the hub clock when read.' }) asOf!: Date;
  @Field(() => ComplaintFiguresType) total!: ComplaintFiguresType;
  @Field(() => [ComplaintCodeFiguresType]) byCode!: ComplaintCodeFiguresType[];
  @Field(() => [ComplaintBranchFiguresType]) byBranch!: ComplaintBranchFiguresType[];
  branchId!: string | null;
}

@ObjectType('ComplaintCodeCount', { description: 'Complaint cases of one JR/T 0169-2018 (A) × (B) × (C) code.' })
export class ComplaintCodeCountType extends ComplaintCodeFields {
  @Field(() => Int) count!: number;
}
