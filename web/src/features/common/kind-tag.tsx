import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { FeedbackKind } from '../../lib/types.js';
import { EnumTag, type Tone } from './enum-tag.js';

const TONES: Record<FeedbackKind, Tone> = { PRAISE: 'green', PROBLEM: 'red', SUGGESTION: 'blue' };

export function KindTag({ kind, complaint }: { kind: FeedbackKind; complaint?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <EnumTag enumName="FeedbackKind" value={kind} tones={TONES} />
      {complaint ? <Tag color="#b71c1c">{t('feedback.complaint')}</Tag> : null}
    </>
  );
}
