import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Masked } from '../core/masked.js';
import { PageInfo } from '../core/page.type.js';
import { NOTIFICATION_KINDS } from './notification.table.js';
import { WAITING_REASONS } from './digest.service.js';
import { LinkageActionType, ProblemType } from '../loop/index.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const NotificationKind = enumOf(NOTIFICATION_KINDS);
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'Why a user is notified: an invitation, a step of their action, a deadline, a mention, a 3-in-3 alert, the daily digest.',
});

export const WaitingReason = enumOf(WAITING_REASONS);
registerEnumType(WaitingReason, { name: 'WaitingReason', description: 'The step of the loop that waits for the digest’s reader.' });

@ObjectType('Notification', { description: "One entry of a user's inbox." })
export class NotificationType {
  @Field(() => NotificationKind) kind!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) readAt!: Date | null;
  @Masked()
  @Field(() => String, { description: 'The one line the inbox shows (staff text, masked like notes).' })
  summary!: string;
}

@ObjectType('NotificationEdge')
export class NotificationEdge {
  @Field(() => String) cursor!: string;
  @Field(() => NotificationType) node!: object;
}

@ObjectType('NotificationConnection')
export class NotificationConnection {
  @Field(() => [NotificationEdge]) edges!: NotificationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
  @Field(() => Int, { description: 'Unread notifications of the viewer, whatever the page.' }) unreadCount!: number;
}

@InputType('MarkNotificationReadInput')
export class MarkNotificationReadInput {
  @Field(() => ID) notificationId!: string;
}

@InputType('MarkAllNotificationsReadInput')
export class MarkAllNotificationsReadInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Only up to this notification (the newest the client has shown), so that none arriving meanwhile is lost.',
  })
  upToId?: string | null;
}

@ObjectType('DigestItem', { description: 'A step that waits for the reader.' })
export class DigestItemType {
  @Field(() => WaitingReason) reason!: string;
}

@ObjectType('DigestCounts')
export class DigestCountsType {
  @Field(() => Int) dueActions!: number;
  @Field(() => Int) overdueActions!: number;
  @Field(() => Int) dueProblems!: number;
  @Field(() => Int) overdueProblems!: number;
  @Field(() => Int) waiting!: number;
}

@ObjectType('Digest', {
  description: 'The daily digest (每日待办): what is due, overdue and waiting for the viewer. Lists hold at most 50; counts are exact.',
})
export class DigestType {
  @Field(() => String, { description: 'The bank-time day, YYYY-MM-DD.' }) day!: string;
  @Field(() => DateTimeResolver, { description: '"Due" means due by this instant (DIGEST_DUE_WITHIN).' }) dueBy!: Date;
  @Field(() => DigestCountsType) counts!: DigestCountsType;
  @Field(() => [LinkageActionType], { description: 'Your open actions due by dueBy.' }) dueActions!: object[];
  @Field(() => [LinkageActionType], { description: 'Your open actions past their due date (a coordinator: all of them).' })
  overdueActions!: object[];
  @Field(() => [ProblemType], { description: 'Problems in a stage you own whose time limit ends by dueBy.' }) dueProblems!: object[];
  @Field(() => [ProblemType], { description: 'Problems in a stage you own past its time limit.' }) overdueProblems!: object[];
  @Field(() => [DigestItemType]) waiting!: object[];
}
