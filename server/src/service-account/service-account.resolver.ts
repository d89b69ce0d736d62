import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { ServiceScope } from './service-account.enums.js';
import {
  CreateServiceAccountInput,
  CreateServiceAccountPayload,
  RevokeServiceAccountInput,
  ServiceAccountType,
} from './service-account.type.js';
import type { ServiceAccountRow } from './service-account.repository.js';
import { scopesOf } from './service-account.service.js';

@Resolver(() => ServiceAccountType)
export class ServiceAccountResolver {
  @Query(() => [ServiceAccountType], { description: 'ADMIN: the service accounts, newest first, revoked ones included.' })
  serviceAccounts(@Ctx() ctx: Context) {
    return ctx.hub.serviceAccounts.list(requireViewer(ctx));
  }

  @FieldResolver(() => [ServiceScope])
  scopes(@Root() row: ServiceAccountRow) {
    return scopesOf(row);
  }

  @Mutation(() => CreateServiceAccountPayload, { description: 'ADMIN: creates a service account; its token is in the answer, once.' })
  createServiceAccount(@Arg('input', () => CreateServiceAccountInput) input: CreateServiceAccountInput, @Ctx() ctx: Context) {
    return ctx.hub.serviceAccounts.create(requireViewer(ctx), input);
  }

  @Mutation(() => ServiceAccountType, { description: 'ADMIN: revokes a service account; its token is refused from the next call.' })
  revokeServiceAccount(@Arg('input', () => RevokeServiceAccountInput) input: RevokeServiceAccountInput, @Ctx() ctx: Context) {
    return ctx.hub.serviceAccounts.revoke(requireViewer(ctx), input.id);
  }
}
