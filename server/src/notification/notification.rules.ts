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
  // Those a comment mentions (named in the event's facts), of them only who may read the problem.
  | 'MENTIONED_USERS'
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
  fromStatus?: string | null;
  toStatus: string | null;
}): readonly { kind: NotificationKindCode; audience: Audience }[] {
  switch (event.type) {
    // The monthly analysis: sent for review rings the coordinators' bell; sent back, the analyst's
    // who submitted it (named by the write).
    case 'REPORT_NARRATIVE_CHANGED':
      if (event.toStatus === 'IN_REVIEW' && event.fromStatus !== 'IN_REVIEW')
        return [{ kind: 'REPORT_REVIEW_REQUESTED', audience: 'COORDINATORS' }];
      if (event.toStatus === 'DRAFT' && event.fromStatus === 'IN_REVIEW')
        return [{ kind: 'REPORT_NARRATIVE_RETURNED', audience: 'NAMED_USERS' }];
      return [];
    case 'CONSULTATION_OPENED':
      return [{ kind: 'CONSULTATION_INVITED', audience: 'INVITED_EXPERTS' }];
    // A comment's mentions (an edit's: the newly mentioned only).
    case 'COMMENT_ADDED':
    case 'COMMENT_EDITED':
      return [{ kind: 'MENTIONED', audience: 'MENTIONED_USERS' }];
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

/**
 * What a problem's followers hear of its event, or null for what they need not hear: a comment
 * edited or deleted (they heard of it when posted), the import and report notices, a callback's
 * unanswered call. A follower who hears of the event otherwise (an action's owner, the mentioned)
 * gets that one notification only.
 */
export function followerKindOf(type: HubEventTypeCode): NotificationKindCode | null {
  switch (type) {
    case 'COMMENT_ADDED':
      return 'COMMENT_ADDED';
    case 'COMMENT_EDITED':
    case 'COMMENT_DELETED':
    case 'FEEDBACK_RECORDED':
    case 'RECORDS_IMPORTED':
    case 'REPORT_PUBLISHED':
    case 'REPORT_NARRATIVE_CHANGED':
    case 'FEEDBACK_CLUSTER_GREW':
    case 'CALLBACK_ATTEMPTED':
      return null;
    default:
      return 'FOLLOWED_PROBLEM';
  }
}

/** The words of a followed problem's news, by event type; others read as "有新动态". */
const FOLLOWED_NEWS: Partial<Record<HubEventTypeCode, string>> = {
  FEEDBACK_ATTACHED: '归集了新的客户反馈',
  FEEDBACK_DETACHED: '移出了一条反馈',
  PROBLEM_MERGED: '已合并',
  PROBLEM_DISMISSED: '已驳回',
  PROBLEM_CORRECTED: '信息已更正',
  DIAGNOSIS_SUBMITTED: '已提交初诊意见',
  DIAGNOSIS_REVISED: '初诊意见已修订',
  CONSULTATION_OPENED: '已发起会诊',
  OPINION_SUBMITTED: '收到专家会诊意见',
  CONSULTATION_CONCLUDED: '已出具会诊意见',
  ACTION_ASSIGNED: '下发了联动任务',
  ACTION_REASSIGNED: '联动任务已改派',
  ACTION_REDATED: '联动任务时限已调整',
  ACTION_STATUS_CHANGED: '联动任务有更新',
  EXTENSION_REQUESTED: '联动任务申请延期',
  EXTENSION_DECIDED: '延期申请已审批',
  VERIFICATION_STARTED: '进入验证',
  PROBLEM_RESOLVED: '已解决',
  PROBLEM_REOPENED: '重新打开',
  ACTION_OVERDUE: '联动任务已逾期',
  STAGE_OVERDUE: '环节已超时',
};

/** Events whose note is free text people write to each other, where @username mentions count. */
export function mayMention(type: HubEventTypeCode): boolean {
  return type === 'OPINION_SUBMITTED' || type === 'ACTION_STATUS_CHANGED';
}

export { mentionedUsernames } from '../core/mention.rules.js';

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
  /** The event told (FOLLOWED_PROBLEM says what happened). */
  eventType?: HubEventTypeCode;
}

/** The one line an inbox shows for a notification. */
export function summaryOf(kind: NotificationKindCode, f: SummaryFacts): string {
  const action = `「${f.actionTitle ?? ''}」（${f.problemCode ?? ''}）`;
  switch (kind) {
    case 'CONSULTATION_INVITED':
      return `邀请您参加 ${f.problemCode} 的会诊`;
    case 'ACTION_ASSIGNED':
      return `新的整改任务${action}，请于 ${f.due} 前完成`;
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
    case 'COMMENT_ADDED':
      return `${f.actorName ?? '有人'}在您关注的 ${f.problemCode ?? ''} 中发表了评论`;
    case 'FOLLOWED_PROBLEM':
      return `您关注的 ${f.problemCode ?? ''} ${(f.eventType && FOLLOWED_NEWS[f.eventType]) ?? '有新动态'}`;
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
    case 'REPORT_REVIEW_REQUESTED':
      return `每月客户之声分析待您审阅：${f.note ?? ''}`;
    case 'REPORT_NARRATIVE_RETURNED':
      return `每月客户之声分析需要修改：${f.note ?? ''}`;
    default:
      return '';
  }
}

/** The 3-in-3 alert's line: the customers reported one complaint (a similarity group), filed under the category. */
export function alertText(customers: number, items: number, hours: number, branch: string, category: string): string {
  return `${Math.round(hours / 24) || 1} 天内 ${customers} 位客户在${branch}反映相似的问题（${category}），共 ${items} 条反馈尚未归集到问题`;
}

/** Longest quote of a customer's praise in an inbox line, in characters. */
export const PRAISE_QUOTE_MAX = 60;

/**
 * The start of a customer's words for an inbox line. A cut never leaves part of a number behind:
 * the line is masked for the reader, and masking only recognises whole numbers, so the digits and
 * separators the cut ran into are dropped with it.
 */
export function quoteOf(text: string, max: number = PRAISE_QUOTE_MAX): string {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim());
  if (chars.length <= max) return chars.join('');
  return `${chars
    .slice(0, max)
    .join('')
    .replace(/[\p{N}\p{P}\p{S}\p{Z}\p{Cf}xX＊*]+$/u, '')}…`;
}

/** A branch manager's line for one customer's praise of their branch (the quote is masked on reading). */
export function praiseText(branch: string, text: string): string {
  return `客户赞扬了${branch}：「${quoteOf(text)}」`;
}

/** A branch manager's line for the praise of their branch in an imported file. */
export function importedPraiseText(branch: string, count: number): string {
  return `本次导入的客户之声中有 ${count} 条赞扬了${branch}`;
}

/** The daily digest's line; null when there is nothing to say. */
export function digestSummary(due: number, overdue: number, waiting: number): string | null {
  if (!due && !overdue && !waiting) return null;
  return `今日待办：${due} 项即将到期，${overdue} 项已逾期，${waiting} 项等待您处理`;
}
