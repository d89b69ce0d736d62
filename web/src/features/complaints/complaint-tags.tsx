import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { ComplaintStatus } from '../../lib/types.js';
import { EnumTag, type Tone } from '../common/enum-tag.js';
import { daysLeftTone } from './complaint-rules.js';

const STATUS_TONES: Record<ComplaintStatus, Tone> = {
  REGISTERED: 'amber',
  HANDLING: 'blue',
  DECIDED: 'teal',
  REVIEW_REQUESTED: 'purple',
  REVIEWED: 'green',
  ACCEPTED: 'green',
  WITHDRAWN: 'grey',
  ARCHIVED: 'slate',
};

/** A case's state, in its tone; `data-status` carries the contract's value for tests and tools. */
export function ComplaintStatusTag({ status, testId }: { status: ComplaintStatus; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status}>
      <EnumTag enumName="ComplaintStatus" value={status} tones={STATUS_TONES} />
    </span>
  );
}

// Dark text on light fills, white on the alarm red: WCAG AA contrast (as common/enum-tag.tsx).
const DAYS_STYLE = {
  alarm: { color: '#ffffff', background: '#b71c1c', borderColor: '#b71c1c' },
  amber: { color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' },
  blue: { color: '#0b4f8a', background: '#e8f2fc', borderColor: '#9cc3ea' },
} as const;

/**
 * The countdown to the regulatory limit in whole days: red once overdue, amber in the last three
 * days. Nothing once the decision is told (the server answers null then).
 */
export function DaysLeftTag({ daysLeft }: { daysLeft: number | null | undefined }) {
  const { t } = useI18n();
  if (daysLeft === null || daysLeft === undefined) return <span aria-hidden>—</span>;
  const text =
    daysLeft < 0
      ? t('complaint.overdue', { n: -daysLeft })
      : daysLeft === 0
        ? t('complaint.dueToday')
        : t('complaint.left', { n: daysLeft });
  return (
    <Tag style={DAYS_STYLE[daysLeftTone(daysLeft)]} data-testid="days-left" data-days={daysLeft}>
      {text}
    </Tag>
  );
}
