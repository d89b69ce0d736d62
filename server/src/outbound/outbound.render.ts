import { maskPersonalData } from '../core/mask.rules.js';
import type { HubEventRow } from '../event/index.js';
import type { EndpointFormatCode, PersonalChannelCode } from './outbound.table.js';

/** What a notification says, as handed over by the notification module. */
interface NotificationText {
  readonly kind: string;
  readonly summary: string;
  readonly problemId?: string | null;
}

/** The Chinese names of the kinds people most often choose to receive outside the hub; others read "通知". */
const KIND_ZH: Readonly<Record<string, string>> = {
  CONSULTATION_INVITED: '会诊邀请',
  ACTION_ASSIGNED: '整改任务',
  ACTION_RETURNED: '整改退回',
  ACTION_CONFIRMED: '整改确认',
  ACTION_OVERDUE: '整改逾期',
  ACTION_ESCALATED: '逾期升级',
  STAGE_OVERDUE: '阶段超时',
  MENTIONED: '有人@我',
  FEEDBACK_CLUSTER: '3-in-3 预警',
  DAILY_DIGEST: '每日摘要',
  COMPLAINT_DUE_SOON: '投诉即将到期',
  COMPLAINT_OVERDUE: '投诉逾期',
  COMPLAINT_ESCALATED: '投诉升级',
  COMMENT_ADDED: '新评论',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** WeCom Markdown has no escaping: brackets and backticks that would make a link or code are neutralised. */
const markdownText = (s: string) => s.replace(/[[\]`<>]/g, ' ');

/** The hub page a notification links back to. */
function linkOf(n: NotificationText, base: string): string {
  const root = base.replace(/\/+$/, '');
  if (n.problemId) return `${root}/problems/${encodeURIComponent(n.problemId)}`;
  if (n.kind === 'DAILY_DIGEST') return `${root}/digest`;
  return `${root}/`;
}

/**
 * A notification as a channel sends it, personal data masked (mask.rules.ts): e-mail as subject, text
 * and HTML (the daily digest is one such mail a day); WeCom as a Markdown card with the link back.
 */
export function renderNotification(channel: PersonalChannelCode, n: NotificationText, base: string): string {
  const label = KIND_ZH[n.kind] ?? '通知';
  const text = maskPersonalData(n.summary);
  const link = linkOf(n, base);
  if (channel === 'EMAIL') {
    const subject = `[VOC Hub] ${label}：${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
    return JSON.stringify({
      subject,
      text: `${label}\n\n${text}\n\n在 VOC Hub 中查看 (Open in VOC Hub): ${link}\n`,
      html:
        `<div style="font-family:sans-serif"><h3>${escapeHtml(label)}</h3><p>${escapeHtml(text)}</p>` +
        `<p><a href="${escapeHtml(link)}">在 VOC Hub 中查看 · Open in VOC Hub</a></p></div>`,
    });
  }
  return JSON.stringify({ markdown: `**VOC Hub · ${label}**\n> ${markdownText(text)}\n\n[在 VOC Hub 中查看](${link})` });
}

/**
 * An event as an endpoint receives it. Signed JSON: the event's ids and states, its note masked;
 * `id` is the delivery's, the receiver's idempotency key. A WeCom group robot: a Markdown card.
 */
export function renderEvent(format: EndpointFormatCode, deliveryId: string, e: HubEventRow, base: string): string {
  const root = base.replace(/\/+$/, '');
  const link = e.problemId ? `${root}/problems/${encodeURIComponent(e.problemId)}` : `${root}/`;
  const note = e.note ? maskPersonalData(e.note) : null;
  if (format === 'WECOM_ROBOT') {
    const lines = [`**VOC Hub · ${e.type}**`];
    if (e.fromStatus || e.toStatus) lines.push(`> ${e.fromStatus ?? ''} → ${e.toStatus ?? ''}`);
    if (note) lines.push(`> ${markdownText(note)}`);
    lines.push('', `[在 VOC Hub 中查看](${link})`);
    return JSON.stringify({ markdown: lines.join('\n') });
  }
  return JSON.stringify({
    id: deliveryId,
    type: e.type,
    seq: e.seq,
    at: e.at.toISOString(),
    problemId: e.problemId,
    actionId: e.actionId,
    feedbackId: e.feedbackId,
    complaintId: e.complaintId,
    branchId: e.branchId,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    note,
    link,
  });
}
