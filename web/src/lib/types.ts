import type {
  ActionStatus,
  BranchLevel,
  Channel,
  FeedbackKind,
  Outcome,
  ProblemStatus,
  Role,
  RootCause,
  Severity,
  SessionViewerFragment,
} from '../gql/graphql.js';

// The enums themselves are the schema's (src/gql/, generated); their Chinese and English labels
// are the web's (messages.*.ts). What is written here is only the order screens list them in.
export type { ActionStatus, BranchLevel, Channel, FeedbackKind, Outcome, ProblemStatus, Role, RootCause, Severity };
export type { ExtensionDecision, HubEventType, KpiName, LoopStage, NotificationKind } from '../gql/graphql.js';

/**
 * The order a screen lists an enum's values in. Every value of the schema's enum must be there, so
 * that a value added to the contract is a type error here until it has its place.
 */
function inOrder<E extends string>() {
  return <const L extends readonly E[]>(values: L & ([E] extends [L[number]] ? unknown : { missing: Exclude<E, L[number]> })) =>
    values as L;
}

/** The roles, in the order the loop reads. */
export const ROLES = inOrder<Role>()(['AGENT', 'ANALYST', 'COORDINATOR', 'EXPERT', 'BRANCH_MANAGER', 'ADMIN']);
export const FEEDBACK_KINDS = inOrder<FeedbackKind>()(['PROBLEM', 'SUGGESTION', 'PRAISE']);
export const CHANNELS = inOrder<Channel>()(['VOICE', 'ONLINE', 'WECHAT', 'VIDEO', 'BRANCH', 'SELF_SERVICE']);
export const SEVERITIES = inOrder<Severity>()(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/** The loop's working states, in order; MERGED and DISMISSED close a problem off the loop. */
export const LOOP_STATUSES = [
  'OPEN',
  'DIAGNOSED',
  'IN_CONSULTATION',
  'REMEDIATING',
  'VERIFYING',
  'RESOLVED',
] as const satisfies readonly ProblemStatus[];
export const PROBLEM_STATUSES = inOrder<ProblemStatus>()([...LOOP_STATUSES, 'MERGED', 'DISMISSED']);

export const ACTION_STATUSES = inOrder<ActionStatus>()(['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'CONFIRMED']);
export const ROOT_CAUSES = inOrder<RootCause>()([
  'PRODUCT_DESIGN',
  'BUSINESS_PROCESS',
  'IT_SYSTEM',
  'STAFF_SERVICE',
  'POLICY',
  'THIRD_PARTY',
  'OTHER',
]);
export const OUTCOMES = inOrder<Outcome>()(['FIX', 'PROCESS_CHANGE', 'SYSTEM_CHANGE', 'TRAINING', 'PRODUCT_INNOVATION']);
export const BRANCH_LEVELS = inOrder<BranchLevel>()(['HEAD_OFFICE', 'BRANCH', 'SUB_BRANCH', 'OUTLET']);

/** States before the consultation is concluded: a problem there may still be merged or dismissed. */
export const PRE_REMEDIATION: readonly ProblemStatus[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION'];
/** States feedback may still be attached in. */
export const ATTACHABLE: readonly ProblemStatus[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'];
/** States a branch still owes work in (and may ask for more time). */
export const OWED_ACTION: readonly ActionStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

/** The signed-in user, as the app keeps it (lib/session.query.ts). */
export type Viewer = SessionViewerFragment;
