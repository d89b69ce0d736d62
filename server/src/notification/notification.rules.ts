import type { HubEventTypeCode } from '../event/event.table.js';
import type { NotificationKindCode } from './notification.table.js';
import { STAGE_LABEL } from '../deadline/deadline.rules.js';

/** Who hears of an event, by their relation to its subject. */
export type Audience =
  | 'ACTION_OWNERS'
  | 'EXTENSION_REQUESTER'
  | 'INVITED_EXPERTS'
  // Those the writer names in the event's facts (EXPERTS_INVITED: the experts just invited).
  | 'NAMED_USERS'
  | 'COORDINATORS'
  | 'LOOP_COORDINATOR'
  | 'STAGE_OWNERS'
  | 'COMPLAINT_HANDLING_SIDE'
  // The agent working a callback, or every agent while nobody has taken it.
  | 'CALLBACK_AGENTS'
  | 'HEAD_OFFICE';

/**
 * Which events notify whom. An action's owners are the branch managers whose subtree holds its
 * branch, or the experts of its department (after a reassignment, the new ones). The loop's
 * coordinator is the one who opened the problem's consultation, or every coordinator before there
 * is one: work that waits on them (an opinion, an extension request, work handed in, a row
 * declined) rings their bell. Everything else an event may cause is a mention.
 */
export function notificationsOf(event: {
  type: HubEventTypeCode;
  toStatus: string | null;
}): readonly { kind: NotificationKindCode; audience: Audience }[] {
  switch (event.type) {
    case 'CONSULTATION_OPENED':
      return [{ kind: 'CONSULTATION_INVITED', audience: 'INVITED_EXPERTS' }];
    case 'EXPERTS_INVITED':
      return [{ kind: 'CONSULTATION_INVITED', audience: 'NAMED_USERS' }];
    case 'OPINION_SUBMITTED':
      return [{ kind: 'OPINION_SUBMITTED', audience: 'LOOP_COORDINATOR' }];
    case 'INVITATION_DECLINED':
      return [{ kind: 'INVITATION_DECLINED', audience: 'LOOP_COORDINATOR' }];
    case 'ACTION_ASSIGNED':
    case 'ACTION_REASSIGNED':
      return [{ kind: 'ACTION_ASSIGNED', audience: 'ACTION_OWNERS' }];
    case 'ACTION_REDATED':
      return [{ kind: 'ACTION_REDATED', audience: 'ACTION_OWNERS' }];
    case 'EXTENSION_REQUESTED':
      return [{ kind: 'EXTENSION_REQUESTED', audience: 'LOOP_COORDINATOR' }];
    case 'ACTION_STATUS_CHANGED':
      if (event.toStatus === 'RETURNED') return [{ kind: 'ACTION_RETURNED', audience: 'ACTION_OWNERS' }];
      if (event.toStatus === 'CONFIRMED') return [{ kind: 'ACTION_CONFIRMED', audience: 'ACTION_OWNERS' }];
      if (event.toStatus === 'SUBMITTED') return [{ kind: 'ACTION_SUBMITTED', audience: 'LOOP_COORDINATOR' }];
      if (event.toStatus === 'DECLINED') return [{ kind: 'ACTION_DECLINED', audience: 'LOOP_COORDINATOR' }];
      if (event.toStatus === 'CANCELLED') return [{ kind: 'ACTION_CANCELLED', audience: 'ACTION_OWNERS' }];
      return [];
    case 'EXTENSION_DECIDED':
      return [
        { kind: 'EXTENSION_DECIDED', audience: 'EXTENSION_REQUESTER' },
        { kind: 'EXTENSION_DECIDED', audience: 'ACTION_OWNERS' },
      ];
    case 'ACTION_OVERDUE':
      return [{ kind: 'ACTION_OVERDUE', audience: 'ACTION_OWNERS' }];
    case 'ACTION_ESCALATED':
      return [{ kind: 'ACTION_ESCALATED', audience: 'COORDINATORS' }];
    case 'STAGE_OVERDUE':
      return [{ kind: 'STAGE_OVERDUE', audience: 'STAGE_OWNERS' }];
    case 'CALLBACK_DISSATISFIED':
      return [{ kind: 'CALLBACK_DISSATISFIED', audience: 'COORDINATORS' }];
    // An open callback's due date: its agent hears it is due soon; the coordinators (the contact
    // center's owners) hear it is overdue.
    case 'CALLBACK_DUE_SOON':
      return [{ kind: 'CALLBACK_DUE_SOON', audience: 'CALLBACK_AGENTS' }];
    case 'CALLBACK_OVERDUE':
      return [{ kind: 'CALLBACK_OVERDUE', audience: 'COORDINATORS' }];
    // A complaint's limit: its handler and the branch managers over the institution that owes the
    // answer (the branch complained about; for 核实, the next-higher one); head office (coordinators
    // and head-office admins) hears when it is escalated.
    case 'COMPLAINT_DUE_SOON':
      return [{ kind: 'COMPLAINT_DUE_SOON', audience: 'COMPLAINT_HANDLING_SIDE' }];
    case 'COMPLAINT_OVERDUE':
      return [{ kind: 'COMPLAINT_OVERDUE', audience: 'COMPLAINT_HANDLING_SIDE' }];
    case 'COMPLAINT_ESCALATED':
      return [{ kind: 'COMPLAINT_ESCALATED', audience: 'HEAD_OFFICE' }];
    default:
      return [];
  }
}

/** Events whose note is free text people write to each other, where @username mentions count. */
export function mayMention(type: HubEventTypeCode): boolean {
  return type === 'OPINION_SUBMITTED' || type === 'ACTION_STATUS_CHANGED';
}

// A username: letters, digits, dot, underscore, hyphen; it does not end with a dot, so that
// "请@bm.sh." at the end of a sentence names bm.sh. Not preceded by a word character or a dot,
// so that e-mail addresses are no mentions.
const MENTION = /(?<![\w.@])@([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?)/g;

/** The usernames a text mentions with @username, lower-cased, each once, in order. */
export function mentionedUsernames(text: string | null): string[] {
  if (!text) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(MENTION)) found.add(m[1]!.toLowerCase());
  return [...found];
}

export interface SummaryFacts {
  problemCode: string | null;
  actionTitle: string | null;
  /** A due date or limit, already formatted in bank time. */
  due: string | null;
  status: string | null;
  actorName: string | null;
  decision: string | null;
  /** The event's note, for kinds whose line is the note itself (a complaint's deadline). */
  note?: string | null;
  /** The complaint case the event is about. */
  complaintId?: string | null;
}

/** The one line an inbox shows for a notification. */
export function summaryOf(kind: NotificationKindCode, f: SummaryFacts): string {
  const action = `「${f.actionTitle ?? ''}」（${f.problemCode ?? ''}）`;
  switch (kind) {
    case 'CONSULTATION_INVITED':
      return `邀请您参加 ${f.problemCode} 的会诊`;
    case 'ACTION_ASSIGNED':
      return `新的整改任务${action}，${f.due} 前完成`;
    case 'ACTION_RETURNED':
      return `整改任务${action}被退回，请重新处理`;
    case 'ACTION_CONFIRMED':
      return `整改任务${action}已确认完成`;
    case 'EXTENSION_DECIDED':
      return `整改任务${action}的延期申请${f.decision === 'GRANTED' ? '已批准' : '未获批准'}`;
    case 'ACTION_OVERDUE':
      return `整改任务${action}已逾期（应于 ${f.due} 完成）`;
    case 'ACTION_ESCALATED':
      return `逾期升级：整改任务${action}应于 ${f.due} 完成，至今未完成`;
    case 'STAGE_OVERDUE':
      return `${f.problemCode} 的${STAGE_LABEL[f.status ?? ''] ?? f.status}阶段已超过时限（${f.due}）`;
    case 'CALLBACK_DISSATISFIED':
      return `客户回访不满意：${f.problemCode ?? ''} 已解决，但客户不认可，请复核`;
    case 'CALLBACK_DUE_SOON':
    case 'CALLBACK_OVERDUE':
      return `${f.problemCode ?? ''} 的客户回访：${f.note ?? ''}`;
    case 'MENTIONED':
      return `${f.actorName ?? '有人'}在 ${f.problemCode ?? ''} 中提到了您`;
    case 'COMPLAINT_DUE_SOON':
    case 'COMPLAINT_OVERDUE':
    case 'COMPLAINT_ESCALATED':
      return `投诉工单 ${f.complaintId ?? ''}：${f.note ?? ''}`;
    case 'OPINION_SUBMITTED':
      return `${f.actorName ?? '专家'}提交了 ${f.problemCode ?? ''} 的会诊意见`;
    case 'INVITATION_DECLINED':
      return `${f.actorName ?? '专家'}谢绝了 ${f.problemCode ?? ''} 的会诊邀请`;
    case 'EXTENSION_REQUESTED':
      return `整改任务${action}申请延期，请审批`;
    case 'ACTION_SUBMITTED':
      return `整改任务${action}已提交完成，请确认`;
    case 'ACTION_DECLINED':
      return `整改任务${action}被责任方退回总行，请改派或撤销`;
    case 'ACTION_CANCELLED':
      return `整改任务${action}已撤销`;
    case 'ACTION_REDATED':
      return `整改任务${action}的完成时限改为 ${f.due}`;
    default:
      return '';
  }
}

/** The 3-in-3 alert's line: the customers reported one complaint (a similarity group), filed under the category. */
export function alertText(customers: number, items: number, hours: number, branch: string, category: string): string {
  return `${Math.round(hours / 24) || 1} 天内 ${customers} 位客户在${branch}反映相似的问题（${category}），共 ${items} 条反馈尚未归集到问题`;
}

/** The daily digest's line; null when there is nothing to say. */
export function digestSummary(due: number, overdue: number, waiting: number): string | null {
  if (!due && !overdue && !waiting) return null;
  return `今日待办：${due} 项即将到期，${overdue} 项已逾期，${waiting} 项等待您处理`;
}
