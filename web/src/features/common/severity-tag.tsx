import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';

const COLORS: Record<string, { color: string; background: string; borderColor: string }> = {
  LOW: { color: '#3d4a57', background: '#eef1f4', borderColor: '#c5ccd4' },
  MEDIUM: { color: '#0b4f8a', background: '#e8f2fc', borderColor: '#9cc3ea' },
  HIGH: { color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' },
  CRITICAL: { color: '#ffffff', background: '#b71c1c', borderColor: '#b71c1c' },
};

export function SeverityTag({ severity }: { severity: string }) {
  const { te } = useI18n();
  return <Tag style={COLORS[severity]}>{te('Severity', severity)}</Tag>;
}
