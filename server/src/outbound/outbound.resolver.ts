import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import {
  DeliveryFilterInput,
  DeliveryType,
  MyOutboundPreferencesType,
  RegisterWebhookEndpointInput,
  ReplayDeliveryInput,
  RoleOutboundDefaultType,
  SetRoleOutboundDefaultInput,
  UpdateOutboundPreferencesInput,
  UpdateWebhookEndpointInput,
  WebhookEndpointType,
} from './outbound.type.js';
import { endpointView, myPreferencesView, preferenceView } from './outbound.view.js';

@Resolver()
export class OutboundResolver {
  @Query(() => MyOutboundPreferencesType, {
    description: 'Every role: which notifications reach the viewer outside the hub (WeCom, e-mail).',
  })
  async myOutboundPreferences(@Ctx() ctx: Context) {
    return myPreferencesView(await ctx.hub.outbound.preferencesOf(requireViewer(ctx)));
  }

  @Mutation(() => MyOutboundPreferencesType, { description: "Every role: replaces the viewer's own outbound preference." })
  async updateOutboundPreferences(
    @Arg('input', () => UpdateOutboundPreferencesInput) input: UpdateOutboundPreferencesInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx);
    await ctx.hub.outbound.updatePreferences(viewer, input);
    return myPreferencesView(await ctx.hub.outbound.preferencesOf(viewer));
  }

  @Query(() => [RoleOutboundDefaultType], { description: "ADMIN: every role's default outbound preference." })
  async roleOutboundDefaults(@Ctx() ctx: Context) {
    return (await ctx.hub.outbound.roleDefaults(requireViewer(ctx))).map((r) => ({
      role: r.subject.slice(5),
      preference: preferenceView(r),
    }));
  }

  @Mutation(() => RoleOutboundDefaultType, { description: "ADMIN: sets a role's default outbound preference." })
  async setRoleOutboundDefault(@Arg('input', () => SetRoleOutboundDefaultInput) input: SetRoleOutboundDefaultInput, @Ctx() ctx: Context) {
    const row = await ctx.hub.outbound.setRoleDefault(requireViewer(ctx), input.role, input);
    return { role: input.role, preference: preferenceView(row) };
  }

  @Query(() => [WebhookEndpointType], { description: 'ADMIN: the outgoing webhooks and WeCom group robots.' })
  async webhookEndpoints(@Ctx() ctx: Context) {
    return (await ctx.hub.outbound.endpoints(requireViewer(ctx))).map(endpointView);
  }

  @Mutation(() => WebhookEndpointType, { description: 'ADMIN: registers an outgoing webhook or a WeCom group robot.' })
  async registerWebhookEndpoint(
    @Arg('input', () => RegisterWebhookEndpointInput) input: RegisterWebhookEndpointInput,
    @Ctx() ctx: Context,
  ) {
    return endpointView(await ctx.hub.outbound.registerEndpoint(requireViewer(ctx), input));
  }

  @Mutation(() => WebhookEndpointType, { description: 'ADMIN: changes, re-keys or (de)activates an endpoint.' })
  async updateWebhookEndpoint(@Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput, @Ctx() ctx: Context) {
    return endpointView(await ctx.hub.outbound.updateEndpoint(requireViewer(ctx), input));
  }

  @Query(() => [DeliveryType], {
    description: "The delivery log, newest first: the admin's for any user or endpoint, anyone else's own. At most 200.",
  })
  deliveries(
    @Arg('filter', () => DeliveryFilterInput, { nullable: true }) filter: DeliveryFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.outbound.deliveries(requireViewer(ctx), filter ?? {}, first);
  }

  @Mutation(() => DeliveryType, { description: 'ADMIN: sends a parked (FAILED) delivery again, with the same id.' })
  replayDelivery(@Arg('input', () => ReplayDeliveryInput) input: ReplayDeliveryInput, @Ctx() ctx: Context) {
    return ctx.hub.outbound.replay(requireViewer(ctx), input.deliveryId);
  }
}
