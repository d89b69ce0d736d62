import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { branches, categories, departments } from '../org/index.js';
import { users } from '../user/index.js';

export const PROBLEM_STATUSES = [
  'OPEN',
  'DIAGNOSED',
  'IN_CONSULTATION',
  'REMEDIATING',
  'VERIFYING',
  'RESOLVED',
  'MERGED',
  'DISMISSED',
] as const;
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const ROOT_CAUSES = ['PRODUCT_DESIGN', 'BUSINESS_PROCESS', 'IT_SYSTEM', 'STAFF_SERVICE', 'POLICY', 'THIRD_PARTY', 'OTHER'] as const;
export const OUTCOMES = ['FIX', 'PROCESS_CHANGE', 'SYSTEM_CHANGE', 'TRAINING', 'PRODUCT_INNOVATION'] as const;

/** A problem grouped from many feedback items, carried through the loop. */
export const problems = sqliteTable(
  'problems',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    status: text('status', { enum: PROBLEM_STATUSES }).notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    mergedIntoId: text('merged_into_id'),
    dismissReason: text('dismiss_reason'),
    // When each stage was entered; cycle-time reports read these without replaying events.
    diagnosedAt: integer('diagnosed_at', { mode: 'timestamp_ms' }),
    consultationAt: integer('consultation_at', { mode: 'timestamp_ms' }),
    remediatingAt: integer('remediating_at', { mode: 'timestamp_ms' }),
    verifyingAt: integer('verifying_at', { mode: 'timestamp_ms' }),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('problems_status_idx').on(t.status, t.updatedAt),
    index('problems_created_idx').on(t.createdAt, t.id),
    index('problems_category_idx').on(t.categoryId),
    // A problem's history carries the duplicates merged into it.
    index('problems_merged_into_idx').on(t.mergedIntoId),
  ],
);

/** The contact center's preliminary diagnosis (初诊意见), one per problem. */
export const diagnoses = sqliteTable('diagnoses', {
  problemId: text('problem_id')
    .primaryKey()
    .references(() => problems.id),
  authorId: text('author_id')
    .notNull()
    .references(() => users.id),
  summary: text('summary').notNull(),
  customerImpact: text('customer_impact').notNull(),
  suspectedCause: text('suspected_cause', { enum: ROOT_CAUSES }).notNull(),
  submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
});

export const diagnosisDepartments = sqliteTable(
  'diagnosis_departments',
  {
    problemId: text('problem_id')
      .notNull()
      .references(() => problems.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.departmentId] })],
);

/**
 * Branches a problem concerns by the coordinator's word (correctProblem), besides those its feedback
 * came from and its actions are in: a branch the voices did not name but whose customers are hit.
 */
export const problemBranches = sqliteTable(
  'problem_branches',
  {
    problemId: text('problem_id')
      .notNull()
      .references(() => problems.id),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.branchId] }), index('problem_branches_branch_idx').on(t.branchId)],
);
