// What other features may use of the complaints feature: the case's fields and its registration in
// the agent's feedback form, and a problem's complaint cases on the problem page.
export { ComplaintRegisterFields, useRegisterComplaint, type ComplaintRegisterValues } from './complaint-register.js';
export { ProblemComplaints } from './problem-complaints.js';
