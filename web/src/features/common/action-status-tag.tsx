import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';

const COLORS: Record<string, { color: string; background: string; borderColor: string }> = {
  ASSIGNED: { color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' },
  ACCEPTED: { color: '#0b4f8a', background: '#e8f2fc', borderColor: '#9cc3ea' },
  IN_PROGRESS: { color: '#5b2a86', background: '#f3ebfa', borderColor: '#c8aee3' },
  SUBMITTED: { color: '#00605a', background: '#e3f6f4', borderColor: '#8fd3cb' },
  RETURNED: { color: '#a31515', background: '#fdecea', borderColor: '#eea7a2' },
  CONFIRMED: { color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' },
};

export function ActionStatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t, te } = useI18n();
  return (
    <>
      <Tag style={COLORS[status]}>{te('ActionStatus', status)}</Tag>
      {overdue ? (
        <Tag color="#b71c1c" data-testid="overdue-tag">
          {t('action.overdue')}
        </Tag>
      ) : null}
    </>
  );
}
