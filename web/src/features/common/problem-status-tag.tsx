import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';

// Dark text on light fills: every pair keeps WCAG AA contrast.
const COLORS: Record<string, { color: string; background: string; borderColor: string }> = {
  OPEN: { color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' },
  DIAGNOSED: { color: '#0b4f8a', background: '#e8f2fc', borderColor: '#9cc3ea' },
  IN_CONSULTATION: { color: '#5b2a86', background: '#f3ebfa', borderColor: '#c8aee3' },
  REMEDIATING: { color: '#8c1d40', background: '#fcebf0', borderColor: '#e8a6b9' },
  VERIFYING: { color: '#00605a', background: '#e3f6f4', borderColor: '#8fd3cb' },
  RESOLVED: { color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' },
  MERGED: { color: '#444', background: '#f0f0f0', borderColor: '#cfcfcf' },
  DISMISSED: { color: '#444', background: '#f0f0f0', borderColor: '#cfcfcf' },
};

export function ProblemStatusTag({ status }: { status: string }) {
  const { te } = useI18n();
  return <Tag style={COLORS[status]}>{te('ProblemStatus', status)}</Tag>;
}
