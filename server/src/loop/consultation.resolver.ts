import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { DepartmentType } from '../org/index.js';
import { UserType } from '../user/index.js';
import {
  ProblemType,
  DiagnosisType,
  ConsultationType,
  ExpertOpinionType,
  ConsultationConclusionType,
  OpenConsultationInput,
  SubmitOpinionInput,
  ConcludeConsultationInput,
  ChangeExpertsInput,
  DeclineInvitationInput,
} from './problem.type.js';
import type { DiagnosisRow } from './problem.repository.js';
import type { consultations, opinions } from './consultation.table.js';

type ConsultationRow = typeof consultations.$inferSelect;
type OpinionRow = typeof opinions.$inferSelect;

@Resolver(() => ConsultationType)
export class ConsultationResolver {
  @Mutation(() => ProblemType, { description: 'COORDINATOR: DIAGNOSED → IN_CONSULTATION, inviting experts.' })
  openConsultation(@Arg('input', () => OpenConsultationInput) input: OpenConsultationInput, @Ctx() ctx: Context) {
    return ctx.hub.consultations.open(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: "An invited EXPERT's opinion." })
  submitOpinion(@Arg('input', () => SubmitOpinionInput) input: SubmitOpinionInput, @Ctx() ctx: Context) {
    return ctx.hub.consultations.submitOpinion(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, {
    description: 'COORDINATOR: the consultation opinion with the linkage table, IN_CONSULTATION → REMEDIATING.',
  })
  concludeConsultation(@Arg('input', () => ConcludeConsultationInput) input: ConcludeConsultationInput, @Ctx() ctx: Context) {
    return ctx.hub.consultations.conclude(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'COORDINATOR: more experts join an open consultation, with the reason.' })
  inviteExperts(@Arg('input', () => ChangeExpertsInput) input: ChangeExpertsInput, @Ctx() ctx: Context) {
    return ctx.hub.consultations.inviteExperts(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'COORDINATOR: experts leave an open consultation (one at least stays), with the reason.' })
  removeExperts(@Arg('input', () => ChangeExpertsInput) input: ChangeExpertsInput, @Ctx() ctx: Context) {
    return ctx.hub.consultations.removeExperts(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'An invited EXPERT declines before giving an opinion, with the reason.' })
  declineInvitation(@Arg('input', () => DeclineInvitationInput) input: DeclineInvitationInput, @Ctx() ctx: Context) {
    return ctx.hub.consultations.declineInvitation(requireViewer(ctx), input);
  }

  @FieldResolver(() => UserType)
  coordinator(@Root() c: ConsultationRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(c.coordinatorId);
  }

  @FieldResolver(() => [UserType])
  async experts(@Root() c: ConsultationRow, @Ctx() ctx: Context) {
    const ids = await ctx.loaders.expertIds.load(c.problemId);
    return ctx.loaders.user.loadMany(ids);
  }

  @FieldResolver(() => [ExpertOpinionType])
  opinions(@Root() c: ConsultationRow, @Ctx() ctx: Context) {
    return ctx.loaders.opinions.load(c.problemId);
  }

  @FieldResolver(() => ConsultationConclusionType, { nullable: true })
  conclusion(@Root() c: ConsultationRow) {
    return c.issuedAt ? c : null;
  }
}

@Resolver(() => ConsultationConclusionType)
export class ConclusionResolver {
  @FieldResolver(() => UserType)
  issuedBy(@Root() c: ConsultationRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(c.issuedBy ?? '');
  }
}

@Resolver(() => ExpertOpinionType)
export class OpinionResolver {
  @FieldResolver(() => UserType)
  expert(@Root() o: OpinionRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(o.expertId);
  }

  @FieldResolver(() => DepartmentType)
  department(@Root() o: OpinionRow, @Ctx() ctx: Context) {
    return ctx.loaders.department.load(o.departmentId);
  }
}

@Resolver(() => DiagnosisType)
export class DiagnosisResolver {
  @FieldResolver(() => UserType)
  author(@Root() d: DiagnosisRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(d.authorId);
  }

  @FieldResolver(() => [DepartmentType])
  async proposedDepartments(@Root() d: DiagnosisRow, @Ctx() ctx: Context) {
    const ids = await ctx.loaders.diagnosisDepartmentIds.load(d.problemId);
    return ctx.loaders.department.loadMany(ids);
  }
}
