import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { toConnection } from '../core/page.type.js';
import { BranchType, DepartmentType } from '../org/index.js';
import { UserType } from '../user/index.js';
import { ProblemType } from './problem.type.js';
import { isOverdue } from './action.rules.js';
import {
  LinkageActionType,
  LinkageActionConnection,
  ActionFilter,
  ActionUpdateType,
  ExtensionRequestType,
  AddActionInput,
  ActionStepInput,
  ReportProgressInput,
  SubmitActionInput,
  ReturnActionInput,
  RequestExtensionInput,
  DecideExtensionInput,
  DeclineActionInput,
  CancelActionInput,
  ReassignActionInput,
  ChangeActionDueDateInput,
} from './action.type.js';
import type { ActionRow, ActionUpdateRow, ExtensionRow } from './action.repository.js';
import { HubEventObject, type HubEventRow } from '../event/index.js';

@Resolver(() => LinkageActionType)
export class ActionResolver {
  @Query(() => LinkageActionConnection, { description: 'Linkage actions, soonest due first; a branch manager sees their subtree.' })
  async actions(
    @Arg('filter', () => ActionFilter, { nullable: true }) filter: ActionFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await ctx.hub.actions.list(requireViewer(ctx), filter, first, after));
  }

  @Mutation(() => LinkageActionType, { description: 'COORDINATOR: adds a row to a REMEDIATING problem.' })
  addAction(@Arg('input', () => AddActionInput) input: AddActionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.add(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: "The action's branch manager (or department expert): ASSIGNED → ACCEPTED." })
  acceptAction(@Arg('input', () => ActionStepInput) input: ActionStepInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.accept(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'A progress note; ACCEPTED or RETURNED → IN_PROGRESS.' })
  reportProgress(@Arg('input', () => ReportProgressInput) input: ReportProgressInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.reportProgress(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'IN_PROGRESS → SUBMITTED, with evidence.' })
  submitAction(@Arg('input', () => SubmitActionInput) input: SubmitActionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.submit(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'COORDINATOR: SUBMITTED → CONFIRMED; the last one starts verification.' })
  confirmAction(@Arg('input', () => ActionStepInput) input: ActionStepInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.confirm(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'COORDINATOR: SUBMITTED → RETURNED, with the reason.' })
  returnAction(@Arg('input', () => ReturnActionInput) input: ReturnActionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.returnAction(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'The owner asks for a later due date.' })
  requestExtension(@Arg('input', () => RequestExtensionInput) input: RequestExtensionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.requestExtension(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'COORDINATOR: grants (moving dueAt, to grantedDueAt if given) or refuses.' })
  decideExtension(@Arg('input', () => DecideExtensionInput) input: DecideExtensionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.decideExtension(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, {
    description: "The action's owner: a row sent to them by mistake goes back to the coordinator (DECLINED), with the reason.",
  })
  declineAction(@Arg('input', () => DeclineActionInput) input: DeclineActionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.declineAction(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, {
    description: 'COORDINATOR: withdraws a row before it is confirmed (CANCELLED, kept in the table), with the reason.',
  })
  cancelAction(@Arg('input', () => CancelActionInput) input: CancelActionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.cancelAction(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'COORDINATOR: another branch or department takes the row over (ASSIGNED again).' })
  reassignAction(@Arg('input', () => ReassignActionInput) input: ReassignActionInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.reassignAction(requireViewer(ctx), input);
  }

  @Mutation(() => LinkageActionType, { description: 'COORDINATOR: a new due date, with the reason.' })
  changeActionDueDate(@Arg('input', () => ChangeActionDueDateInput) input: ChangeActionDueDateInput, @Ctx() ctx: Context) {
    return ctx.hub.actions.changeActionDueDate(requireViewer(ctx), input);
  }

  @FieldResolver(() => ProblemType)
  problem(@Root() a: ActionRow, @Ctx() ctx: Context) {
    return ctx.loaders.problem.load(a.problemId);
  }

  @FieldResolver(() => BranchType, { nullable: true, description: 'Exactly one of branch and department is set.' })
  branch(@Root() a: ActionRow, @Ctx() ctx: Context) {
    return a.branchId ? ctx.hub.deps.org.get(a.branchId) : null;
  }

  @FieldResolver(() => DepartmentType, { nullable: true })
  department(@Root() a: ActionRow, @Ctx() ctx: Context) {
    return a.departmentId ? ctx.loaders.department.load(a.departmentId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Derived from dueAt and status, never stored.' })
  overdue(@Root() a: ActionRow, @Ctx() ctx: Context) {
    return isOverdue(a, ctx.hub.deps.clock.now());
  }

  @FieldResolver(() => [ActionUpdateType])
  updates(@Root() a: ActionRow, @Ctx() ctx: Context) {
    return ctx.loaders.updates.load(a.id);
  }

  @FieldResolver(() => ExtensionRequestType, { nullable: true, description: 'The latest extension request.' })
  extension(@Root() a: ActionRow, @Ctx() ctx: Context) {
    return ctx.loaders.extension.load(a.id);
  }
}

@Resolver(() => ActionUpdateType)
export class ActionUpdateResolver {
  @FieldResolver(() => UserType)
  author(@Root() u: ActionUpdateRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(u.authorId);
  }
}

@Resolver(() => ExtensionRequestType)
export class ExtensionResolver {
  @FieldResolver(() => UserType, { nullable: true })
  decidedBy(@Root() e: ExtensionRow, @Ctx() ctx: Context) {
    return e.decidedBy ? ctx.loaders.user.load(e.decidedBy) : null;
  }
}

/** The action a hub event is about: resolved here, the event log knows no actions. */
@Resolver(() => HubEventObject)
export class HubEventActionResolver {
  @FieldResolver(() => LinkageActionType, { nullable: true })
  action(@Root() e: HubEventRow, @Ctx() ctx: Context) {
    return e.actionId ? ctx.loaders.action.load(e.actionId) : null;
  }
}
