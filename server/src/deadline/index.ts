/** deadline: stage limits on working days, overdue detection (exactly once), escalation. */
export { DeadlineService, type DeadlineSource, type OwedDeadline } from './deadline.service.js';
export { deadlineConfigOf } from './deadline.config.js';

export const deadlineModule = { name: 'deadline' };

// What other modules use of this one.
export { reopenedAt, unmarked } from './deadline.repository.js';
export { STAGE_OWNER, STAGE_STATUSES, isStageStatus, stageAnchor, stageDue } from './deadline.rules.js';
export type { DeadlineConfig } from './deadline.rules.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { deadlineMarks } from './deadline.table.js';
