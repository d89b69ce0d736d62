import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { EVIDENCE_PARENTS } from './evidence.table.js';

export const EvidenceParentKind = enumOf(EVIDENCE_PARENTS);
registerEnumType(EvidenceParentKind, {
  name: 'EvidenceParentKind',
  description: 'What an evidence file is attached to.',
  valuesConfig: {
    ACTION: { description: "A linkage table row: the branch's or department's proof of its work (the action's id)." },
    PROBLEM: { description: 'The problem itself (the problem id).' },
    DIAGNOSIS: { description: "The problem's preliminary diagnosis (the problem id)." },
    OPINION: { description: "The uploading expert's own consultation opinion on the problem (the problem id)." },
  },
});
