import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { CallbackStatus, CallbackVerdict } from '../../lib/types.js';
import { EnumTag, type Tone } from '../common/enum-tag.js';
import { formatDate } from '../../lib/format.js';

const STATUS_TONES: Record<CallbackStatus, Tone> = { OPEN: 'amber', COMPLETED: 'green', UNREACHABLE: 'grey' };
const VERDICT_TONES: Record<CallbackVerdict, Tone> = { SATISFIED: 'green', PARTLY: 'teal', NOT_SATISFIED: 'red' };

/** A callback's state; `data-status` carries the contract's value for tests and tools. */
export function CallbackStatusTag({ status }: { status: CallbackStatus }) {
  return (
    <span data-testid="callback-status" data-status={status}>
      <EnumTag enumName="CallbackStatus" value={status} tones={STATUS_TONES} />
    </span>
  );
}

/** The customer's verdict on the fix, or a dash before they gave one. */
export function CallbackVerdictTag({
  verdict,
  testId = 'callback-verdict',
}: {
  verdict: CallbackVerdict | null | undefined;
  testId?: string;
}) {
  if (!verdict) return <span aria-hidden>—</span>;
  return (
    <span data-testid={testId} data-verdict={verdict}>
      <EnumTag enumName="CallbackVerdict" value={verdict} tones={VERDICT_TONES} />
    </span>
  );
}

/** The due day, tagged red once an OPEN callback is past it (the server says `overdue`). */
export function CallbackDue({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  const { t } = useI18n();
  return (
    <span data-testid="callback-due" data-overdue={overdue}>
      {formatDate(dueAt)}{' '}
      {overdue && <Tag style={{ color: '#ffffff', background: '#b71c1c', borderColor: '#b71c1c' }}>{t('callback.overdue')}</Tag>}
    </span>
  );
}
