import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Secret } from '../audit/index.js';
import { HubEventType } from '../event/index.js';
import { NotificationKind } from '../notification/index.js';
import { Role } from '../user/index.js';
import type { RoleCode } from '../core/roles.js';
import { DeliveryChannel, DeliveryStatus, EndpointFormat, PersonalChannel } from './outbound.enums.js';
import type { DeliveryStatusCode, EndpointFormatCode } from './outbound.table.js';

@ObjectType('QuietHours', {
  description: 'Bank time (UTC+8), from inclusive to exclusive; may wrap midnight. Messages due inside wait for its end.',
})
export class QuietHoursType {
  @Field(() => String, { description: 'HH:MM' }) from!: string;
  @Field(() => String, { description: 'HH:MM' }) to!: string;
}

@ObjectType('OutboundPreference', {
  description:
    'Which notifications reach a person outside the hub, by which channels, outside which quiet hours. A null field falls back to the role default.',
})
export class OutboundPreferenceType {
  @Field(() => [NotificationKind], { nullable: true, description: 'null: every kind.' }) kinds!: string[] | null;
  @Field(() => [PersonalChannel], { nullable: true, description: 'null: the role default (none without one).' }) channels!: string[] | null;
  @Field(() => QuietHoursType, { nullable: true }) quietHours!: QuietHoursType | null;
  @Field(() => Int, { description: 'Grows on every change; the update takes it back as expectedVersion.' }) version!: number;
}

@ObjectType('MyOutboundPreferences', { description: "The viewer's own outbound preference, their role's default, and what applies." })
export class MyOutboundPreferencesType {
  @Field(() => OutboundPreferenceType, { nullable: true, description: 'Their own choice; null: never set.' })
  own!: OutboundPreferenceType | null;
  @Field(() => OutboundPreferenceType, { nullable: true, description: "Their role's default, set by the admin." })
  roleDefault!: OutboundPreferenceType | null;
  @Field(() => String, { nullable: true, description: 'Where e-mail goes.' }) email!: string | null;
  @Field(() => String, { nullable: true, description: 'Their WeCom user id; null: their username.' }) wecomUserId!: string | null;
  @Field(() => [NotificationKind], { nullable: true, description: 'The kinds that go out (null: every kind).' }) effectiveKinds!:
    string[] | null;
  @Field(() => [PersonalChannel], { description: 'The channels that apply.' }) effectiveChannels!: string[];
}

@ObjectType('RoleOutboundDefault', { description: "The admin's default outbound preference for a role." })
export class RoleOutboundDefaultType {
  @Field(() => Role) role!: string;
  @Field(() => OutboundPreferenceType) preference!: OutboundPreferenceType;
}

@InputType('UpdateOutboundPreferencesInput', {
  description: 'Replaces the viewer’s own outbound preference; null fields fall back to the role default.',
})
export class UpdateOutboundPreferencesInput {
  @Field(() => [NotificationKind], { nullable: true }) kinds?: string[] | null;
  @Field(() => [PersonalChannel], { nullable: true }) channels?: string[] | null;
  @Field(() => String, { nullable: true, description: 'HH:MM, bank time.' }) quietFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM, bank time.' }) quietTo?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) wecomUserId?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version read; CONFLICT when someone changed it since.' })
  expectedVersion?: number | null;
}

@InputType('SetRoleOutboundDefaultInput', { description: "The admin sets a role's default outbound preference." })
export class SetRoleOutboundDefaultInput {
  @Field(() => Role) role!: RoleCode;
  @Field(() => [NotificationKind], { nullable: true }) kinds?: string[] | null;
  @Field(() => [PersonalChannel], { nullable: true }) channels?: string[] | null;
  @Field(() => String, { nullable: true }) quietFrom?: string | null;
  @Field(() => String, { nullable: true }) quietTo?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ObjectType('WebhookEndpoint', {
  description: 'An outgoing webhook (admin): the events it receives, signed with its secret (never shown).',
})
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) url!: string;
  @Field(() => EndpointFormat) format!: string;
  @Field(() => [HubEventType]) eventTypes!: string[];
  @Field(() => ID, { nullable: true, description: "Only events of this branch's subtree." }) branchId!: string | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@InputType('RegisterWebhookEndpointInput')
export class RegisterWebhookEndpointInput {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'http(s); for WECOM_ROBOT the robot’s webhook URL (its key included).' }) url!: string;
  @Field(() => EndpointFormat) format!: EndpointFormatCode;
  @Secret()
  @Field(() => String, { nullable: true, description: 'SIGNED_JSON: at least 16 characters; signs every body (HMAC-SHA256).' })
  secret?: string | null;
  @Field(() => [HubEventType]) eventTypes!: string[];
  @Field(() => ID, { nullable: true }) branchId?: string | null;
}

@InputType('UpdateWebhookEndpointInput')
export class UpdateWebhookEndpointInput {
  @Field(() => ID) endpointId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Secret()
  @Field(() => String, { nullable: true, description: 'A new secret, from the next attempt on.' })
  secret?: string | null;
  @Field(() => [HubEventType], { nullable: true }) eventTypes?: string[] | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@ObjectType('Delivery', { description: 'One message of the outbox: sent at least once, its id the idempotency id every attempt carries.' })
export class DeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => DeliveryChannel) channel!: string;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => ID, { nullable: true }) endpointId!: string | null;
  @Field(() => String, { description: 'The notification kind or event type.' }) kind!: string;
  @Field(() => DeliveryStatus) status!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => DateTimeResolver) nextAttemptAt!: Date;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) deliveredAt!: Date | null;
}

@InputType('DeliveryFilter')
export class DeliveryFilterInput {
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => ID, { nullable: true }) endpointId?: string | null;
  @Field(() => DeliveryStatus, { nullable: true }) status?: DeliveryStatusCode | null;
}

@InputType('ReplayDeliveryInput')
export class ReplayDeliveryInput {
  @Field(() => ID) deliveryId!: string;
}
