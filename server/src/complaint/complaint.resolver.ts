import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { toConnection } from '../core/page.type.js';
import { canSeePersonalData } from '../core/viewer.rules.js';
import { maskPersonalData, containsPersonalData } from '../core/mask.rules.js';
import { notFound } from '../core/errors.js';
import { auditScope } from '../audit/index.js';
import { BranchType, DepartmentType } from '../org/index.js';
import { UserType } from '../user/index.js';
import { ProblemType } from '../loop/index.js';
import { HubEventObject } from '../event/index.js';
import { daysLeft } from './complaint.rules.js';
import { ComplaintCodeAxis, ComplaintOrder } from './complaint.enums.js';
import { DateTimeResolver } from 'graphql-scalars';
import {
  AddComplaintCodeInput,
  DeleteComplaintCodeInput,
  UpdateComplaintCodeInput,
  AssignComplaintInput,
  ComplaintCaseConnection,
  ComplaintCaseType,
  ComplaintCodeType,
  ComplaintDecisionType,
  ComplaintExtensionType,
  ComplaintFilter,
  ComplaintStepInput,
  CompleteComplaintReviewInput,
  DecideComplaintInput,
  ExtendComplaintInput,
  LinkComplaintToProblemInput,
  RegisterComplaintInput,
  RequestComplaintReviewInput,
  WithdrawComplaintInput,
} from './complaint.type.js';
import type { ComplaintExtensionRow, ComplaintRow } from './complaint.repository.js';

/** Personal data in clear only for those the contract allows (as for feedback); everyone else gets the masked form. */
function forViewer(ctx: Context, row: ComplaintRow, value: string | null): string | null {
  if (value === null) return null;
  if (!ctx.viewer || !canSeePersonalData(ctx.viewer, row.createdBy)) return maskPersonalData(value);
  if (containsPersonalData(value)) auditScope.getStore()?.viewedPersonalData.add(row.id);
  return value;
}

@Resolver(() => ComplaintCaseType)
export class ComplaintResolver {
  @Query(() => ComplaintCaseConnection, {
    description: 'Complaint cases, fewest days left first; a branch manager sees the cases of their subtree.',
  })
  async complaintCases(
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => ComplaintOrder, {
      nullable: true,
      description: 'DUE_AT (the default): by the decision due date. DAYS_LEFT: by the running limit, overdue first.',
    })
    orderBy: 'DUE_AT' | 'DAYS_LEFT' | null,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await ctx.hub.complaints.list(requireViewer(ctx), filter, first, after, orderBy ?? 'DUE_AT'));
  }

  @Query(() => ComplaintCaseType, { description: 'One case; NOT_FOUND when missing or outside your scope.' })
  async complaintCase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const found = await ctx.hub.complaints.find(requireViewer(ctx), id);
    if (!found) throw notFound('ComplaintCase', id);
    return found;
  }

  @Query(() => [ComplaintCodeType], { description: 'The JR/T 0169-2018 code table, in the standard’s order.' })
  complaintCodes(
    @Arg('axis', () => ComplaintCodeAxis, { nullable: true }) axis: 'CHANNEL' | 'BUSINESS' | 'CAUSE' | null,
    @Ctx() ctx: Context,
  ) {
    requireViewer(ctx);
    return ctx.hub.complaints.codes(axis);
  }

  @Mutation(() => ComplaintCodeType, {
    description: 'ADMIN: adds a code to the JR/T 0169-2018 table (a bank’s own sub-code); BAD_USER_INPUT when it exists or is malformed.',
  })
  addComplaintCode(@Arg('input', () => AddComplaintCodeInput) input: AddComplaintCodeInput, @Ctx() ctx: Context) {
    return ctx.hub.complaintCodes.add(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCodeType, {
    description: 'ADMIN: renames a code, or retires (active: false) or restores it; CONFLICT on a stale expectedVersion.',
  })
  updateComplaintCode(@Arg('input', () => UpdateComplaintCodeInput) input: UpdateComplaintCodeInput, @Ctx() ctx: Context) {
    return ctx.hub.complaintCodes.update(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCodeType, {
    description:
      'ADMIN: deletes a code no complaint case carries and no code sits under (answers the deleted code); a used one is ' +
      'refused with INVALID_TRANSITION: retire it instead.',
  })
  deleteComplaintCode(@Arg('input', () => DeleteComplaintCodeInput) input: DeleteComplaintCodeInput, @Ctx() ctx: Context) {
    return ctx.hub.complaintCodes.delete(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, {
    description: 'AGENT, ANALYST: registers a complaint (from feedback flagged complaint, or directly); due 15 days after receipt.',
  })
  registerComplaint(@Arg('input', () => RegisterComplaintInput) input: RegisterComplaintInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.register(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, {
    description:
      "The branch complained about's manager (subtree) or a COORDINATOR: REGISTERED/HANDLING → HANDLING. 回避: a handler who is " +
      'the staff member or in the department complained about is refused with BAD_USER_INPUT (field input.handlerId); a viewer ' +
      'who is the staff member complained about is refused with FORBIDDEN.',
  })
  assignComplaint(@Arg('input', () => AssignComplaintInput) input: AssignComplaintInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.assign(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, {
    description:
      'Extends an undecided case, with the reason and when the customer was told: the first (branch manager or COORDINATOR) to ' +
      '30 days from receipt; the second, to 60, only by head office (COORDINATOR, or an ADMIN of the head office), else FORBIDDEN.',
  })
  extendComplaint(@Arg('input', () => ExtendComplaintInput) input: ExtendComplaintInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.extend(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, {
    description: 'The handling side: HANDLING → DECIDED, the decision told to the customer (findings, basis, remedies open).',
  })
  decideComplaint(@Arg('input', () => DecideComplaintInput) input: DecideComplaintInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.decide(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, { description: 'The handling side records that the customer accepts: DECIDED → ACCEPTED.' })
  acceptComplaintDecision(@Arg('input', () => ComplaintStepInput) input: ComplaintStepInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.accept(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, {
    description: 'The customer asks for 核实 within 30 days of the decision: DECIDED → REVIEW_REQUESTED; the review is due in 30 days.',
  })
  requestComplaintReview(@Arg('input', () => RequestComplaintReviewInput) input: RequestComplaintReviewInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.requestReview(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, {
    description: 'The next-higher institution’s manager or a COORDINATOR: REVIEW_REQUESTED → REVIEWED, with the outcome.',
  })
  completeComplaintReview(@Arg('input', () => CompleteComplaintReviewInput) input: CompleteComplaintReviewInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.completeReview(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, { description: 'The handling side files a concluded case: DECIDED/ACCEPTED/REVIEWED → ARCHIVED.' })
  archiveComplaint(@Arg('input', () => ComplaintStepInput) input: ComplaintStepInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.archive(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, { description: 'The customer withdraws; any open state → WITHDRAWN, the procedure ending that day.' })
  withdrawComplaint(@Arg('input', () => WithdrawComplaintInput) input: WithdrawComplaintInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.withdraw(requireViewer(ctx), input);
  }

  @Mutation(() => ComplaintCaseType, { description: 'ANALYST, COORDINATOR: links the case to the problem that traces its root cause.' })
  linkComplaintToProblem(@Arg('input', () => LinkComplaintToProblemInput) input: LinkComplaintToProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.complaints.linkToProblem(requireViewer(ctx), input);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The customer reference, masked like feedback.' })
  customerRef(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return forViewer(ctx, c, c.customerRef);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The customer's phone, always masked (138****5678); the handler sees it in clear through revealCustomerPhone (audited).",
  })
  async customerPhone(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return (await ctx.hub.contacts.maskedOf(ctx.hub.deps.store.read, 'COMPLAINT', [c.id])).get(c.id) ?? null;
  }

  @FieldResolver(() => String, { description: "The customer's request, masked like feedback text." })
  request(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return forViewer(ctx, c, c.request);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The feedback item the case was registered from.' })
  feedbackId(@Root() c: ComplaintRow) {
    return c.feedbackId;
  }

  @FieldResolver(() => BranchType, { description: 'The branch complained about (属地), which handles the case.' })
  branch(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(c.branchId);
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'The staff member complained about.' })
  subjectStaff(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return c.subjectStaffId ? ctx.loaders.user.load(c.subjectStaffId) : null;
  }

  @FieldResolver(() => DepartmentType, { nullable: true, description: 'The department complained about.' })
  subjectDepartment(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return c.subjectDepartmentId ? ctx.loaders.department.load(c.subjectDepartmentId) : null;
  }

  @FieldResolver(() => UserType, { nullable: true })
  handler(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return c.handlerId ? ctx.loaders.user.load(c.handlerId) : null;
  }

  @FieldResolver(() => ProblemType, { nullable: true, description: 'The problem that traces the root cause, when the viewer may see it.' })
  async problem(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    if (!c.problemId) return null;
    const viewer = requireViewer(ctx);
    // Batched per request: a page of cases costs two queries, not two per case.
    const [problem, branches] = await Promise.all([
      ctx.loaders.problem.load(c.problemId),
      viewer.scope ? ctx.loaders.branchIdsOfProblem.load(c.problemId) : null,
    ]);
    return problem && (!branches || branches.length) ? problem : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Days from today (hub clock, bank time) to the due day of the limit running now: the decision’s while REGISTERED or ' +
      'HANDLING, 核实’s while REVIEW_REQUESTED. 0 on the due day, negative when overdue; null when no limit runs (decided ' +
      'and waiting on the customer, or ended).',
  })
  daysLeft(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return c.runningDueAt ? daysLeft(c.runningDueAt.getTime(), ctx.hub.deps.clock.now().getTime()) : null;
  }

  @FieldResolver(() => DateTimeResolver, {
    nullable: true,
    description: 'The due date of the limit running now (see daysLeft); null when none runs.',
  })
  runningDueAt(@Root() c: ComplaintRow) {
    return c.runningDueAt;
  }

  @FieldResolver(() => ComplaintDecisionType, { nullable: true })
  decision(@Root() c: ComplaintRow) {
    return c.decidedAt
      ? {
          findings: c.decisionFindings ?? '',
          basis: c.decisionBasis ?? '',
          remedies: c.decisionRemedies?.split(',') ?? [],
          decidedAt: c.decidedAt,
        }
      : null;
  }

  @FieldResolver(() => [ComplaintExtensionType])
  extensionHistory(@Root() c: ComplaintRow, @Ctx() ctx: Context) {
    return ctx.loaders.complaintExtensions.load(c.id);
  }
}

@Resolver(() => ProblemType)
export class ProblemComplaintsResolver {
  @FieldResolver(() => [ComplaintCaseType], { description: 'The complaint cases this problem traces, fewest days left first (scoped).' })
  complaints(@Root() p: { id: string }, @Ctx() ctx: Context) {
    return ctx.hub.complaints.ofProblem(requireViewer(ctx), p.id);
  }
}

@Resolver(() => HubEventObject)
export class HubEventComplaintResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'The complaint case the event is about.' })
  complaintId(@Root() e: { complaintId: string | null }) {
    return e.complaintId;
  }
}

@Resolver(() => ComplaintExtensionType)
export class ComplaintExtensionResolver {
  @FieldResolver(() => UserType)
  extendedBy(@Root() e: ComplaintExtensionRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(e.extendedBy);
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'Head office, for the second extension: its grant is the approval.' })
  approvedBy(@Root() e: ComplaintExtensionRow, @Ctx() ctx: Context) {
    return e.approvedBy ? ctx.loaders.user.load(e.approvedBy) : null;
  }
}
