import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { EnumName, HubEnums } from '../../lib/enums.js';

// Dark text on light fills: every pair keeps WCAG AA contrast.
const TONES = {
  amber: { color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' },
  blue: { color: '#0b4f8a', background: '#e8f2fc', borderColor: '#9cc3ea' },
  purple: { color: '#5b2a86', background: '#f3ebfa', borderColor: '#c8aee3' },
  rose: { color: '#8c1d40', background: '#fcebf0', borderColor: '#e8a6b9' },
  teal: { color: '#00605a', background: '#e3f6f4', borderColor: '#8fd3cb' },
  red: { color: '#a31515', background: '#fdecea', borderColor: '#eea7a2' },
  green: { color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' },
  grey: { color: '#444', background: '#f0f0f0', borderColor: '#cfcfcf' },
  slate: { color: '#3d4a57', background: '#eef1f4', borderColor: '#c5ccd4' },
  alarm: { color: '#ffffff', background: '#b71c1c', borderColor: '#b71c1c' },
} as const;

export type Tone = keyof typeof TONES;

/** An enum value as a tag in its tone, labelled in the current language. */
export function EnumTag<E extends EnumName>({
  enumName,
  value,
  tones,
}: {
  enumName: E;
  value: HubEnums[E];
  tones: Record<HubEnums[E], Tone>;
}) {
  const { te } = useI18n();
  return <Tag style={TONES[tones[value]]}>{te(enumName, value)}</Tag>;
}
