import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { BranchType } from '../org/index.js';
import { UserType } from '../user/index.js';
import { CreateViewInput, DeleteViewInput, SavedViewType, UpdateViewInput } from './view.type.js';
import { ViewList } from './view.enums.js';
import { listFilterOf } from './view.filter.js';
import type { ViewListCode } from './view.table.js';
import type { ViewRow } from './view.repository.js';
import type { FilterReader } from './view.service.js';

/** Filters are checked against the served schema's filter input types, as GraphQL checks a variable. */
const readerOf =
  (info: GraphQLResolveInfo): FilterReader =>
  (list, text, field) =>
    listFilterOf(info.schema, list, text, field);

@Resolver(() => SavedViewType)
export class ViewResolver {
  @Query(() => [SavedViewType], { description: "A list's saved views the viewer may use: their own first, then those shared with them." })
  views(@Arg('list', () => ViewList) list: ViewListCode, @Ctx() ctx: Context) {
    return ctx.hub.views.list(requireViewer(ctx), list);
  }

  @Mutation(() => SavedViewType, { description: "Every role: saves a list's current filters as a named view, optionally shared." })
  createView(@Arg('input', () => CreateViewInput) input: CreateViewInput, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context) {
    return ctx.hub.views.create(requireViewer(ctx), input, readerOf(info));
  }

  @Mutation(() => SavedViewType, { description: 'The owner: renames, re-filters or re-shares a view.' })
  updateView(@Arg('input', () => UpdateViewInput) input: UpdateViewInput, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context) {
    return ctx.hub.views.update(requireViewer(ctx), input, readerOf(info));
  }

  @Mutation(() => SavedViewType, { description: 'The owner: deletes a view; answers it as it was.' })
  deleteView(@Arg('input', () => DeleteViewInput) input: DeleteViewInput, @Ctx() ctx: Context) {
    return ctx.hub.views.delete(requireViewer(ctx), input);
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'Who saved it.' })
  owner(@Root() v: ViewRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(v.ownerId);
  }

  @FieldResolver(() => Boolean, { description: "The viewer's own view, which they may edit; otherwise shared with them." })
  mine(@Root() v: ViewRow, @Ctx() ctx: Context) {
    return v.ownerId === ctx.viewer?.id;
  }

  @FieldResolver(() => BranchType, { nullable: true, description: "Shared with the users of this branch's subtree." })
  sharedBranch(@Root() v: ViewRow, @Ctx() ctx: Context) {
    return v.sharedBranchId ? (ctx.hub.deps.org.get(v.sharedBranchId) ?? null) : null;
  }
}
