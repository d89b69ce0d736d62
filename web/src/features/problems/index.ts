// What other features may use of the problem feature: the problem page's query and the sections
// the expert's opinion page shows beside it, and an action's updates for the branch's action list.
export { PROBLEM_QUERY } from './problem-page.query.js';
export { DiagnosisSection } from './diagnosis-section.js';
export { ProblemFeedback } from './problem-feedback.js';
export { OpinionForm } from './opinion-form.js';
export { DeclineInvitationButton } from './decline-invitation-button.js';
export { ActionUpdates } from './action-updates.js';
