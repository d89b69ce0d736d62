import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const HUB_EVENT_TYPES = [
  'FEEDBACK_RECORDED',
  'PROBLEM_OPENED',
  'FEEDBACK_ATTACHED',
  'PROBLEM_MERGED',
  'PROBLEM_DISMISSED',
  'DIAGNOSIS_SUBMITTED',
  'CONSULTATION_OPENED',
  'OPINION_SUBMITTED',
  'CONSULTATION_CONCLUDED',
  'ACTION_ASSIGNED',
  'ACTION_STATUS_CHANGED',
  'EXTENSION_REQUESTED',
  'EXTENSION_DECIDED',
  'VERIFICATION_STARTED',
  'PROBLEM_RESOLVED',
  'PROBLEM_REOPENED',
  'REPORT_PUBLISHED',
  // The monthly report's narrative moved (saved, sent for review, returned, frozen by publishing).
  'REPORT_NARRATIVE_CHANGED',
  'ACTION_OVERDUE',
  'ACTION_ESCALATED',
  'STAGE_OVERDUE',
  'RECORDS_IMPORTED',
  // A report joined a 3-in-3 alert: the note is the alert's text with its new counts.
  'FEEDBACK_CLUSTER_GREW',
  // Complaint cases (complaint/): each follows the branch complained about.
  'COMPLAINT_REGISTERED',
  'COMPLAINT_ASSIGNED',
  'COMPLAINT_EXTENDED',
  'COMPLAINT_DECIDED',
  'COMPLAINT_ACCEPTED',
  'COMPLAINT_REVIEW_REQUESTED',
  'COMPLAINT_REVIEWED',
  'COMPLAINT_ARCHIVED',
  'COMPLAINT_WITHDRAWN',
  'COMPLAINT_LINKED',
  // A dissatisfied callback reopened the case (complaint.rules.ts, reopen).
  'COMPLAINT_REOPENED',
  // Callbacks (回访, callback/): each follows the branch of the customer's complaint or feedback.
  'CALLBACK_CREATED',
  'CALLBACK_ATTEMPTED',
  'CALLBACK_COMPLETED',
  // The customer is not satisfied with the fix: the problem is flagged to the coordinators.
  'CALLBACK_DISSATISFIED',
  // An open callback's due date, said by the deadline scan once per due date (issue 17).
  'CALLBACK_DUE_SOON',
  'CALLBACK_OVERDUE',
  // A complaint's running limit (the decision's or 核实's), said by the deadline scan once per due date.
  'COMPLAINT_DUE_SOON',
  'COMPLAINT_OVERDUE',
  'COMPLAINT_ESCALATED',
  // The admin changed the JR/T 0169-2018 code table (added, renamed, deactivated, reactivated, deleted).
  'COMPLAINT_CODE_CHANGED',
  // Corrections in the loop (loop/, issue 18); a declined or cancelled action is an ACTION_STATUS_CHANGED.
  'ACTION_REASSIGNED',
  'ACTION_REDATED',
  'PROBLEM_CORRECTED',
  'DIAGNOSIS_REVISED',
  'FEEDBACK_DETACHED',
  'EXPERTS_INVITED',
  'EXPERTS_REMOVED',
  'INVITATION_DECLINED',
  // The discussion on a problem (discussion/, issue 18): the event names the comment, never its text,
  // so that a deleted comment's words leave no copy in the append-only log.
  'COMMENT_ADDED',
  'COMMENT_EDITED',
  'COMMENT_DELETED',
  // An agent or analyst corrected or voided a feedback item (feedback/, issue 18): its rollups,
  // similarity features and 3-in-3 alert follow (declared reactions).
  'FEEDBACK_CORRECTED',
  'FEEDBACK_VOIDED',
  // Saved views (view/): a view saved, changed or re-shared, or deleted; about no record (the name stays out).
  'VIEW_SAVED',
  'VIEW_DELETED',
  // Evidence files (evidence/, issue 18): a file attached to or removed from an action, a problem, its diagnosis or an opinion.
  'EVIDENCE_ADDED',
  'EVIDENCE_REMOVED',
] as const;
export type HubEventTypeCode = (typeof HUB_EVENT_TYPES)[number];

/**
 * The append-only hub event log: the audit trail and the source of every live update.
 * `seq` is the strictly increasing cursor; a row is written in the transaction of the change.
 */
export const hubEvents = sqliteTable(
  'hub_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: HUB_EVENT_TYPES }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id'),
    problemId: text('problem_id'),
    actionId: text('action_id'),
    feedbackId: text('feedback_id'),
    complaintId: text('complaint_id'),
    callbackId: text('callback_id'),
    commentId: text('comment_id'),
    // The branch the event is about (the feedback's, the action's, the complaint's or the callback's), for branch scoping; null for
    // problem-wide events, which follow the problem's scope.
    branchId: text('branch_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (t) => [index('hub_events_problem_idx').on(t.problemId, t.seq)],
);
