import type { Severity } from '../../lib/types.js';
import { EnumTag, type Tone } from './enum-tag.js';

const TONES: Record<Severity, Tone> = { LOW: 'slate', MEDIUM: 'blue', HIGH: 'amber', CRITICAL: 'alarm' };

export function SeverityTag({ severity }: { severity: Severity }) {
  return <EnumTag enumName="Severity" value={severity} tones={TONES} />;
}
