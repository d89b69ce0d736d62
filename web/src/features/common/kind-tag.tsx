import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';

const COLORS: Record<string, { color: string; background: string; borderColor: string }> = {
  PRAISE: { color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' },
  PROBLEM: { color: '#a31515', background: '#fdecea', borderColor: '#eea7a2' },
  SUGGESTION: { color: '#0b4f8a', background: '#e8f2fc', borderColor: '#9cc3ea' },
};

export function KindTag({ kind, complaint }: { kind: string; complaint?: boolean }) {
  const { t, te } = useI18n();
  return (
    <>
      <Tag style={COLORS[kind]}>{te('FeedbackKind', kind)}</Tag>
      {complaint ? <Tag color="#b71c1c">{t('feedback.complaint')}</Tag> : null}
    </>
  );
}
