import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { departments } from '../org/index.js';
import { users } from '../user/index.js';
import { problems, ROOT_CAUSES, OUTCOMES } from './problem.table.js';

/** Head-office consultation (会诊) of a problem, with its conclusion once issued. */
export const consultations = sqliteTable('consultations', {
  problemId: text('problem_id')
    .primaryKey()
    .references(() => problems.id),
  coordinatorId: text('coordinator_id')
    .notNull()
    .references(() => users.id),
  openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
  dueAt: integer('due_at', { mode: 'timestamp_ms' }),
  rootCause: text('root_cause', { enum: ROOT_CAUSES }),
  rootCauseDetail: text('root_cause_detail'),
  remediationPlan: text('remediation_plan'),
  outcome: text('outcome', { enum: OUTCOMES }),
  issuedBy: text('issued_by').references(() => users.id),
  issuedAt: integer('issued_at', { mode: 'timestamp_ms' }),
});

export const consultationExperts = sqliteTable(
  'consultation_experts',
  {
    problemId: text('problem_id')
      .notNull()
      .references(() => problems.id),
    expertId: text('expert_id')
      .notNull()
      .references(() => users.id),
    invitedAt: integer('invited_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.expertId] }), index('consultation_experts_expert_idx').on(t.expertId)],
);

/** An invited expert's opinion (会诊意见); one per expert, a later one replaces it. */
export const opinions = sqliteTable(
  'opinions',
  {
    problemId: text('problem_id')
      .notNull()
      .references(() => problems.id),
    expertId: text('expert_id')
      .notNull()
      .references(() => users.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    body: text('body').notNull(),
    agreesWithDiagnosis: integer('agrees_with_diagnosis', { mode: 'boolean' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.expertId] })],
);
