/** Every table of the hub, for drizzle's relational queries and drizzle-kit. */
export * from '../org/org.table.js';
export * from '../user/user.table.js';
export * from '../feedback/feedback.table.js';
export * from '../loop/problem.table.js';
export * from '../loop/consultation.table.js';
export * from '../loop/action.table.js';
export * from '../kpi/contact.table.js';
export * from '../event/event.table.js';
export * from '../report/rollup.table.js';
export * from '../report/published-report.table.js';
export * from '../audit/audit.table.js';
export * from '../deadline/deadline.table.js';
export * from '../notification/notification.table.js';
export * from '../import/import.table.js';
export * from '../insight/insight.table.js';
export * from '../complaint/complaint.table.js';
// Through the entries (the boundary rule); the older lines above predate it.
export { customerContacts } from '../contact/index.js';
export { callbacks, callbackAttempts } from '../callback/index.js';
