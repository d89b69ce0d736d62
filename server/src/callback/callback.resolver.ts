import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { toConnection } from '../core/page.type.js';
import { seesAllInClear } from '../core/clear.rules.js';
import { maskPersonalData } from '../core/mask.rules.js';
import { notFound } from '../core/errors.js';
import { BranchType } from '../org/index.js';
import { UserType } from '../user/index.js';
import { ProblemType } from '../loop/index.js';
import { HubEventObject } from '../event/index.js';
import { ComplaintCaseType } from '../complaint/index.js';
import {
  CallbackAttemptType,
  CallbackConnection,
  CallbackFilter,
  CallbackType,
  RecordCallbackAttemptInput,
  RevealCustomerPhoneInput,
  RevealedCustomerPhone,
} from './callback.type.js';
import type { CallbackRow } from './callback.repository.js';

@Resolver(() => CallbackType)
export class CallbackResolver {
  @Query(() => CallbackConnection, {
    description:
      'The callback queue (回访), oldest first: AGENT, COORDINATOR, ADMIN; a branch manager sees their subtree’s callbacks. Others: FORBIDDEN.',
  })
  async callbacks(
    @Arg('filter', () => CallbackFilter, { nullable: true }) filter: CallbackFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await ctx.hub.callbacks.list(requireViewer(ctx), filter, first, after));
  }

  @Query(() => CallbackType, { description: 'One callback; NOT_FOUND when missing or outside your scope.' })
  async callback(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const found = await ctx.hub.callbacks.find(requireViewer(ctx), id);
    if (!found) throw notFound('Callback', id);
    return found;
  }

  @Mutation(() => CallbackType, {
    description:
      'AGENT: records a call. Not reached: attempts + 1, still OPEN, UNREACHABLE after CALLBACK_MAX_ATTEMPTS. Reached: COMPLETED with ' +
      'the verdict (required) and the customer’s words; NOT_SATISFIED reopens the complaint case (→ HANDLING, limits afresh) and ' +
      'flags the problem to the coordinators. The first agent to call takes the callback.',
  })
  recordCallbackAttempt(@Arg('input', () => RecordCallbackAttemptInput) input: RecordCallbackAttemptInput, @Ctx() ctx: Context) {
    return ctx.hub.callbacks.recordAttempt(requireViewer(ctx), input);
  }

  @Mutation(() => RevealedCustomerPhone, {
    description:
      "The customer's phone in clear, at the moment of the call: for a callback, the AGENT working it (while OPEN); for a complaint " +
      'case, its handler. Everyone else: FORBIDDEN. Every reveal (and refusal) is written to the audit trail; elsewhere it is masked.',
  })
  revealCustomerPhone(@Arg('input', () => RevealCustomerPhoneInput) input: RevealCustomerPhoneInput, @Ctx() ctx: Context) {
    return ctx.hub.callbacks.revealPhone(requireViewer(ctx), input);
  }

  @FieldResolver(() => String, { nullable: true, description: "The customer's phone, always masked (138****5678)." })
  customerPhone(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    return cb.contactOwnerType && cb.contactOwnerId ? ctx.loaders.callbackPhone.load(`${cb.contactOwnerType}:${cb.contactOwnerId}`) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The customer reference, masked like feedback.' })
  customerRef(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    if (cb.customerRef === null) return null;
    return ctx.viewer && seesAllInClear(ctx.viewer.role) ? cb.customerRef : maskPersonalData(cb.customerRef);
  }

  @FieldResolver(() => ProblemType, { nullable: true, description: 'The resolved problem the callback follows up.' })
  problem(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    return ctx.loaders.problem.load(cb.problemId);
  }

  @FieldResolver(() => ComplaintCaseType, { nullable: true, description: "The customer's complaint case, reopened when NOT_SATISFIED." })
  complaintCase(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    requireViewer(ctx);
    return cb.complaintId ? ctx.loaders.callbackComplaintCase.load(cb.complaintId) : null;
  }

  @FieldResolver(() => BranchType, { description: "The branch the customer's complaint or feedback concerns." })
  branch(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    return ctx.hub.deps.org.get(cb.branchId);
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'The agent working the callback.' })
  assignee(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    return cb.assigneeId ? ctx.loaders.user.load(cb.assigneeId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Still OPEN past its due time.' })
  overdue(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    return cb.status === 'OPEN' && cb.dueAt.getTime() < ctx.hub.deps.clock.now().getTime();
  }

  @FieldResolver(() => [CallbackAttemptType], { description: 'Every call made, oldest first.' })
  attemptHistory(@Root() cb: CallbackRow, @Ctx() ctx: Context) {
    return ctx.loaders.callbackAttempts.load(cb.id);
  }
}

@Resolver(() => ProblemType)
export class ProblemCallbacksResolver {
  @FieldResolver(() => [CallbackType], {
    description: 'The callbacks (回访) of this problem’s customers, oldest first, for those who work callbacks (scoped); empty for others.',
  })
  async callbacks(@Root() p: { id: string }, @Ctx() ctx: Context) {
    return ctx.hub.callbacks.ofProblem(requireViewer(ctx), p.id);
  }
}

@Resolver(() => HubEventObject)
export class HubEventCallbackResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'The callback (回访) the event is about.' })
  callbackId(@Root() e: { callbackId: string | null }) {
    return e.callbackId;
  }
}
