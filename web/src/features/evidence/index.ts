// What other features may use of the evidence feature: the files of an action or a problem, with
// previews, downloads and the upload (the action submit dialog, the problem page, other journeys).
export { EvidencePanel, type EvidencePanelProps } from './evidence-panel.js';
export { uploadEvidence, type EvidenceParentKind } from './evidence-upload.js';
export { mayAttachToAction, mayAttachToProblem, mayAttachToDiagnosis, mayAttachToOpinion } from './evidence-rules.js';
