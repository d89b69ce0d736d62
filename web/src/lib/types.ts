/** The contract's enums, in the order the loop reads. */
export const ROLES = ['AGENT', 'ANALYST', 'COORDINATOR', 'EXPERT', 'BRANCH_MANAGER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const FEEDBACK_KINDS = ['PROBLEM', 'SUGGESTION', 'PRAISE'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const CHANNELS = ['VOICE', 'ONLINE', 'WECHAT', 'VIDEO', 'BRANCH', 'SELF_SERVICE'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The loop's working states, in order; MERGED and DISMISSED close a problem off the loop. */
export const LOOP_STATUSES = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING', 'RESOLVED'] as const;
export const PROBLEM_STATUSES = [...LOOP_STATUSES, 'MERGED', 'DISMISSED'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const ACTION_STATUSES = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'CONFIRMED'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ROOT_CAUSES = ['PRODUCT_DESIGN', 'BUSINESS_PROCESS', 'IT_SYSTEM', 'STAFF_SERVICE', 'POLICY', 'THIRD_PARTY', 'OTHER'] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const OUTCOMES = ['FIX', 'PROCESS_CHANGE', 'SYSTEM_CHANGE', 'TRAINING', 'PRODUCT_INNOVATION'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const BRANCH_LEVELS = ['HEAD_OFFICE', 'BRANCH', 'SUB_BRANCH', 'OUTLET'] as const;
export type BranchLevel = (typeof BRANCH_LEVELS)[number];

export type ExtensionDecision = 'PENDING' | 'GRANTED' | 'REFUSED';

/** States before the consultation is concluded: a problem there may still be merged or dismissed. */
export const PRE_REMEDIATION: readonly ProblemStatus[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION'];
/** States feedback may still be attached in. */
export const ATTACHABLE: readonly ProblemStatus[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'];
/** States a branch still owes work in (and may ask for more time). */
export const OWED_ACTION: readonly ActionStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

export interface Named {
  id: string;
  code: string;
  name: string;
}

export interface BranchNode extends Named {
  level: BranchLevel;
  parent: { id: string } | null;
}

export interface Viewer {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean | null;
  branch: Named | null;
  department: Named | null;
}
