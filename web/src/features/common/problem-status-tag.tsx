import type { ProblemStatus } from '../../lib/types.js';
import { EnumTag, type Tone } from './enum-tag.js';

const TONES: Record<ProblemStatus, Tone> = {
  OPEN: 'amber',
  DIAGNOSED: 'blue',
  IN_CONSULTATION: 'purple',
  REMEDIATING: 'rose',
  VERIFYING: 'teal',
  RESOLVED: 'green',
  MERGED: 'grey',
  DISMISSED: 'grey',
};

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  return <EnumTag enumName="ProblemStatus" value={status} tones={TONES} />;
}
