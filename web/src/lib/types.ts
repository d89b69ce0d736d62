import type {
  ActionStatus,
  BranchLevel,
  Channel,
  ComplaintStatus,
  FeedbackKind,
  Outcome,
  ProblemStatus,
  Role,
  RootCause,
  Severity,
  SessionViewerFragment,
} from '../gql/graphql.js';
import { enumValues } from './translate.js';

export type { ActionStatus, BranchLevel, Channel, ComplaintStatus, FeedbackKind, Outcome, ProblemStatus, Role, RootCause, Severity };
export type {
  CallbackStatus,
  CallbackVerdict,
  ComplaintRemedy,
  ExtensionDecision,
  HubEventType,
  KpiName,
  LoopStage,
  NotificationKind,
} from '../gql/graphql.js';

/**
 * The loop's working states, in order (the enum's, lib/enums.ts); MERGED and DISMISSED close a
 * problem off the loop.
 */
export const LOOP_STATUSES = enumValues('ProblemStatus').filter((s) => s !== 'MERGED' && s !== 'DISMISSED');

/** States before the consultation is concluded: a problem there may still be merged or dismissed. */
export const PRE_REMEDIATION: readonly ProblemStatus[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION'];
/** States feedback may still be attached in. */
export const ATTACHABLE: readonly ProblemStatus[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'];
/** States a branch still owes work in (and may ask for more time). */
export const OWED_ACTION: readonly ActionStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

/** Complaint states in which the bank still owes the customer something (the server's open states). */
export const OPEN_COMPLAINT: readonly ComplaintStatus[] = ['REGISTERED', 'HANDLING', 'DECIDED', 'REVIEW_REQUESTED'];

/** The signed-in user, as the app keeps it (lib/session.query.ts). */
export type Viewer = SessionViewerFragment;
