/** deadline: stage limits on working days, overdue detection (exactly once), escalation. */
export { DeadlineService } from './deadline.service.js';
export { deadlineConfigOf } from './deadline.config.js';

export const deadlineModule = { name: 'deadline' };
