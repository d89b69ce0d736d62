// What other features may use of the inbox: opening a problem, which a suggested cluster does too.
export { OPEN_PROBLEM_MUTATION } from './open-problem-modal.query.js';
