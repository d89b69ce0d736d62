import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const COMPLAINT_STATUSES = [
  'REGISTERED',
  'HANDLING',
  'DECIDED',
  'ACCEPTED',
  'REVIEW_REQUESTED',
  'REVIEWED',
  'ARCHIVED',
  'WITHDRAWN',
] as const;
export const COMPLAINT_REMEDIES = ['REVIEW', 'MEDIATION', 'ARBITRATION', 'LITIGATION'] as const;
export const COMPLAINT_CODE_AXES = ['CHANNEL', 'BUSINESS', 'CAUSE'] as const;

/**
 * JR/T 0169-2018's three classification axes as data: (A) the business channel, (B) the business
 * type, (C) the cause. Seeded by migration; the admin may add codes later.
 */
export const complaintCodes = sqliteTable(
  'complaint_codes',
  {
    axis: text('axis', { enum: COMPLAINT_CODE_AXES }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    position: integer('position').notNull(),
    // A code retired by the admin stays for the cases that carry it but takes no new case.
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.axis, t.code] })],
);

/**
 * A complaint case (投诉工单), handled to 《银行业保险业消费投诉处理管理办法》. Ids of other features'
 * records (branch, users, feedback, problem) are checked by the service, not by foreign keys, so
 * that this table depends on no other feature's internals.
 */
export const complaintCases = sqliteTable(
  'complaint_cases',
  {
    id: text('id').primaryKey(),
    feedbackId: text('feedback_id'),
    customerRef: text('customer_ref'),
    // 属地: the institution complained about, which handles the case.
    branchId: text('branch_id').notNull(),
    subjectStaffId: text('subject_staff_id'),
    subjectDepartmentId: text('subject_department_id'),
    channelCode: text('channel_code').notNull(),
    businessCode: text('business_code').notNull(),
    causeCode: text('cause_code').notNull(),
    request: text('request').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    extensions: integer('extensions').notNull().default(0),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull(),
    handlerId: text('handler_id'),
    problemId: text('problem_id'),
    decisionFindings: text('decision_findings'),
    decisionBasis: text('decision_basis'),
    decisionRemedies: text('decision_remedies'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    decidedBy: text('decided_by'),
    reviewRequestedAt: integer('review_requested_at', { mode: 'timestamp_ms' }),
    reviewDueAt: integer('review_due_at', { mode: 'timestamp_ms' }),
    reviewOutcome: text('review_outcome'),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
    reviewedBy: text('reviewed_by'),
    // Whether 核实 upheld the decision (true) or changed it (false); null when not said or not reviewed.
    reviewUpheld: integer('review_upheld', { mode: 'boolean' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    // When a dissatisfied callback last reopened the case: its limits run again from here.
    reopenedAt: integer('reopened_at', { mode: 'timestamp_ms' }),
    closeNote: text('close_note'),
    // The limit running now: the decision's due date while REGISTERED or HANDLING, 核实's while
    // REVIEW_REQUESTED, else null. What the list sorts by days left and the deadline scan reads.
    runningDueAt: integer('running_due_at', { mode: 'timestamp_ms' }),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('complaint_cases_branch_idx').on(t.branchId, t.status),
    index('complaint_cases_due_idx').on(t.dueAt, t.id),
    index('complaint_cases_problem_idx').on(t.problemId),
    index('complaint_cases_running_due_idx').on(t.runningDueAt, t.id),
    // One case per feedback item (NULLs, cases registered directly, are distinct).
    uniqueIndex('complaint_cases_feedback_idx').on(t.feedbackId),
  ],
);

/** Each extension of a case's time limit, with its reason, approver and when the customer was told. */
export const complaintExtensions = sqliteTable(
  'complaint_extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => complaintCases.id),
    ordinal: integer('ordinal').notNull(),
    reason: text('reason').notNull(),
    previousDueAt: integer('previous_due_at', { mode: 'timestamp_ms' }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    extendedBy: text('extended_by').notNull(),
    approvedBy: text('approved_by'),
    customerToldAt: integer('customer_told_at', { mode: 'timestamp_ms' }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('complaint_extensions_case_idx').on(t.caseId, t.ordinal)],
);
