import { Extensions, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ServiceScope } from './service-account.enums.js';

@ObjectType('ServiceAccount', { description: 'An integration (the call-center system) calling the hub with a scoped token. ADMIN only.' })
export class ServiceAccountType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [ServiceScope]) scopes!: string[];
  @Field(() => String, { description: "The token's first characters, to tell tokens apart; the token itself is shown once." })
  tokenHint!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'The last call made with the token (to the minute).' })
  lastUsedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Set once revoked: the token is refused from then on.' })
  revokedAt!: Date | null;
}

@ObjectType('CreateServiceAccountPayload')
export class CreateServiceAccountPayload {
  @Field(() => ServiceAccountType) serviceAccount!: object;
  @Field(() => String, {
    description: 'Send as "Authorization: Bearer <token>". Shown this once: the hub keeps only its hash.',
  })
  token!: string;
}

@InputType('CreateServiceAccountInput')
export class CreateServiceAccountInput {
  @Extensions({ maxLength: 48 })
  @Field(() => String, { description: 'Lower-case letters, digits, ".", "_" and "-".' })
  name!: string;
  @Extensions({ maxLength: 200 })
  @Field(() => String, { nullable: true })
  description?: string | null;
  @Extensions({ maxItems: 4 })
  @Field(() => [ServiceScope])
  scopes!: string[];
}

@InputType('RevokeServiceAccountInput')
export class RevokeServiceAccountInput {
  @Field(() => ID) id!: string;
}
