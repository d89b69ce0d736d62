import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { ActionStatus } from '../../lib/types.js';
import { EnumTag, type Tone } from './enum-tag.js';

const TONES: Record<ActionStatus, Tone> = {
  ASSIGNED: 'amber',
  ACCEPTED: 'blue',
  IN_PROGRESS: 'purple',
  SUBMITTED: 'teal',
  RETURNED: 'red',
  CONFIRMED: 'green',
  DECLINED: 'rose',
  CANCELLED: 'grey',
};

export function ActionStatusTag({ status, overdue }: { status: ActionStatus; overdue?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <EnumTag enumName="ActionStatus" value={status} tones={TONES} />
      {overdue ? (
        <Tag color="#b71c1c" data-testid="overdue-tag">
          {t('action.overdue')}
        </Tag>
      ) : null}
    </>
  );
}
