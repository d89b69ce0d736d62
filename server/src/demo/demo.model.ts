/**
 * The shapes the simulation works on: the organisation, people and problems as it plays them, and
 * the rows they leave. Rows that need no more than the simulation's own values are typed by their
 * drizzle tables, so that a renamed column is a type error here.
 */
import type { RoleCode } from '../core/roles.js';
import type {
  ACTION_STATUSES,
  branches,
  CHANNELS,
  consultationExperts,
  consultations,
  diagnoses,
  diagnosisDepartments,
  EXTENSION_DECISIONS,
  FEEDBACK_KINDS,
  HubEventTypeCode,
  opinions,
  OUTCOMES,
  PROBLEM_STATUSES,
  ROOT_CAUSES,
  SEVERITIES,
} from '../app/tables.js';
import type { Rng } from './demo.random.js';
import type { Calendar } from './demo.calendar.js';
import type { CategoryCode, DeptCode } from './demo.org.js';
import type { Theme } from './demo.themes.js';
import type { PlanRow } from './demo.plan.js';

export type ProblemStatusCode = (typeof PROBLEM_STATUSES)[number];
export type ActionStatusCode = (typeof ACTION_STATUSES)[number];
export type Channel = (typeof CHANNELS)[number];
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type RootCause = (typeof ROOT_CAUSES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Level = (typeof branches.$inferSelect)['level'];
export type ExtensionDecision = (typeof EXTENSION_DECISIONS)[number];

export interface OrgNode {
  id: string;
  code: string;
  name: string;
  level: Level;
  parentId: string | null;
  path: string;
  /** The BRANCH this node belongs to (itself for a branch); null for the head office. */
  branch: OrgNode | null;
  weight: number;
  children: OrgNode[];
  managerId: string | null;
}

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: RoleCode;
  branchId: string | null;
  departmentId: string | null;
  departmentCode: DeptCode | null;
  createdAt: number;
}

export interface Named {
  id: string;
  code: string;
  name: string;
}

/** A hub event; a note that depends on feedback counts is computed once the feedback is drawn. */
export interface EventRow {
  type: HubEventTypeCode;
  at: number;
  actorId: string | null;
  problemId: string | null;
  actionId: string | null;
  branchId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null | (() => string);
}

export interface SimProblem {
  row: PlanRow;
  theme: Theme;
  region: OrgNode | null;
  id: string;
  code: string;
  title: string;
  status: ProblemStatusCode;
  severity: Severity;
  version: number;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  mergedIntoId: string | null;
  dismissReason: string | null;
  diagnosedAt: number | null;
  consultationAt: number | null;
  remediatingAt: number | null;
  verifyingAt: number | null;
  resolvedAt: number | null;
  history: [number, ProblemStatusCode][];
  actions: SimAction[];
  /** Feedback this problem gathers: received in [from, to), counted. */
  batches: { from: number; to: number; count: number }[];
  /** Where its feedback ends up (the merge target for a merged problem). */
  owner: SimProblem;
}

export interface SimAction {
  id: string;
  problem: SimProblem;
  branch: OrgNode | null;
  departmentId: string | null;
  ownerId: string;
  title: string;
  description: string;
  dueAt: number;
  status: ActionStatusCode;
  version: number;
  position: number;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  confirmedAt: number | null;
  returnedCount: number;
}

/** The simulation's state: the organisation, the problems played so far, and the rows they leave. */
export interface Demo {
  now: number;
  rngs: { org: Rng; problems: Rng; feedback: Rng; contacts: Rng };
  calendar: Calendar;
  nodes: OrgNode[];
  byCode: Map<string, OrgNode>;
  departments: Named[];
  deptByCode: Map<string, Named>;
  categories: Named[];
  catByCode: Map<string, Named>;
  products: (Named & { categoryId: string; category: CategoryCode })[];
  productByCode: Map<string, Named & { categoryId: string; category: CategoryCode }>;
  users: DemoUser[];
  userByName: Map<string, DemoUser>;
  problems: SimProblem[];
  events: EventRow[];
  diagnoses: (typeof diagnoses.$inferInsert)[];
  diagnosisDepartments: (typeof diagnosisDepartments.$inferInsert)[];
  /** By problem id: opened by the consultation step, completed by its conclusion. */
  consultations: Map<string, typeof consultations.$inferInsert>;
  consultationExperts: (typeof consultationExperts.$inferInsert)[];
  opinions: (typeof opinions.$inferInsert)[];
  actionUpdates: { actionId: string; authorId: string; note: string; status: ActionStatusCode; at: number }[];
  extensions: {
    actionId: string;
    requestedDueAt: number;
    previousDueAt: number;
    reason: string;
    decision: ExtensionDecision;
    requestedBy: string;
    requestedAt: number;
    decidedBy: string | null;
    decidedAt: number | null;
  }[];
  customerPool: string[];
}

/** One feedback item before it gets its id and recording time. */
export interface FeedbackDraft {
  at: number;
  kind: FeedbackKind;
  channel: Channel;
  category: CategoryCode;
  productId: string | null;
  branch: OrgNode;
  text: string;
  complaint: boolean;
  customerRef: string | null;
  recordedBy: string;
  problemId: string | null;
}
