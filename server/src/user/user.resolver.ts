import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { unauthenticated } from '../core/errors.js';
import { Role } from './user.enums.js';
import { BranchType, DepartmentType } from '../org/index.js';
import {
  UserType,
  AuthPayload,
  LoginInput,
  ChangePasswordInput,
  CreateUserInput,
  UpdateUserInput,
  UserIdInput,
  ResetPasswordInput,
} from './user.type.js';
import type { UserRow } from './user.repository.js';
import type { RoleCode } from '../core/roles.js';
import { HubEventObject, type HubEventRow } from '../event/index.js';

@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserType, { nullable: true, description: 'The signed-in user; null without a sign-in.' })
  me(@Ctx() ctx: Context) {
    if (!ctx.viewer) {
      if (ctx.authError) throw ctx.authError;
      return null;
    }
    return ctx.loaders.user.load(ctx.viewer.id);
  }

  @Query(() => [UserType])
  users(@Arg('role', () => Role, { nullable: true }) role: RoleCode | null, @Ctx() ctx: Context) {
    return ctx.hub.users.list(requireViewer(ctx), role);
  }

  @FieldResolver(() => BranchType, { nullable: true, description: 'The branch subtree a BRANCH_MANAGER is scoped to.' })
  branch(@Root() user: UserRow, @Ctx() ctx: Context) {
    return user.branchId ? ctx.hub.deps.org.get(user.branchId) : null;
  }

  @FieldResolver(() => DepartmentType, { nullable: true, description: 'The head-office department of an EXPERT.' })
  department(@Root() user: UserRow, @Ctx() ctx: Context) {
    return user.departmentId ? ctx.loaders.department.load(user.departmentId) : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Deactivated users cannot sign in. Visible to administrators and the user.',
  })
  active(@Root() user: UserRow, @Ctx() ctx: Context) {
    return ctx.viewer && (ctx.viewer.role === 'ADMIN' || ctx.viewer.id === user.id) ? user.active : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'A reset password must be changed first. Visible to administrators and the user.',
  })
  mustChangePassword(@Root() user: UserRow, @Ctx() ctx: Context) {
    return ctx.viewer && (ctx.viewer.role === 'ADMIN' || ctx.viewer.id === user.id) ? user.mustChangePassword : null;
  }

  @Mutation(() => AuthPayload, { description: 'Signs in; unknown user and wrong password answer the same UNAUTHENTICATED.' })
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: Context) {
    return ctx.hub.auth.login(input.username, input.password, ctx.requestIp ?? 'unknown');
  }

  @Mutation(() => AuthPayload, { description: 'Changes your own password; your other sign-ins end.' })
  changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: Context) {
    if (!ctx.viewer) throw ctx.authError ?? unauthenticated();
    return ctx.hub.auth.changePassword(ctx.viewer, input.currentPassword, input.newPassword);
  }

  @Mutation(() => UserType, { description: 'ADMIN: creates a user, who must change the initial password.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context) {
    return ctx.hub.users.create(requireViewer(ctx), input);
  }

  @Mutation(() => UserType, { description: "ADMIN: changes a user's name, role, branch or department." })
  updateUser(@Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: Context) {
    return ctx.hub.users.update(requireViewer(ctx), input);
  }

  @Mutation(() => UserType, { description: 'ADMIN: the user can no longer sign in; open sign-ins end.' })
  deactivateUser(@Arg('input', () => UserIdInput) input: UserIdInput, @Ctx() ctx: Context) {
    return ctx.hub.users.setActive(requireViewer(ctx), input.id, false);
  }

  @Mutation(() => UserType, { description: 'ADMIN.' })
  reactivateUser(@Arg('input', () => UserIdInput) input: UserIdInput, @Ctx() ctx: Context) {
    return ctx.hub.users.setActive(requireViewer(ctx), input.id, true);
  }

  @Mutation(() => UserType, { description: 'ADMIN: sets a temporary password the user must change at next sign-in.' })
  resetPassword(@Arg('input', () => ResetPasswordInput) input: ResetPasswordInput, @Ctx() ctx: Context) {
    return ctx.hub.users.resetPassword(requireViewer(ctx), input.id, input.newPassword);
  }
}

/** Who did it, on each hub event: the user module resolves it, the event log knows no users. */
@Resolver(() => HubEventObject)
export class HubEventActorResolver {
  @FieldResolver(() => UserType, { nullable: true })
  actor(@Root() e: HubEventRow, @Ctx() ctx: Context) {
    return e.actorId ? ctx.loaders.user.load(e.actorId) : null;
  }
}
