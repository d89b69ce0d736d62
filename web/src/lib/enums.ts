import type {
  ActionStatus,
  ArticleStatus,
  BranchLevel,
  CallbackStatus,
  CallbackVerdict,
  Channel,
  ComplaintRemedy,
  ComplaintStatus,
  ExtensionDecision,
  FeedbackKind,
  HubEventType,
  LoopStage,
  NotificationKind,
  Outcome,
  ProblemStatus,
  Role,
  RootCause,
  Severity,
  ServiceScope,
} from '../gql/graphql.js';

/** The schema's enums that screens show, by name, as generated from schema/schema.graphql. */
export interface HubEnums {
  ActionStatus: ActionStatus;
  ArticleStatus: ArticleStatus;
  BranchLevel: BranchLevel;
  CallbackStatus: CallbackStatus;
  CallbackVerdict: CallbackVerdict;
  Channel: Channel;
  ComplaintRemedy: ComplaintRemedy;
  ComplaintStatus: ComplaintStatus;
  ExtensionDecision: ExtensionDecision;
  FeedbackKind: FeedbackKind;
  HubEventType: HubEventType;
  LoopStage: LoopStage;
  NotificationKind: NotificationKind;
  Outcome: Outcome;
  ProblemStatus: ProblemStatus;
  Role: Role;
  RootCause: RootCause;
  Severity: Severity;
  ServiceScope: ServiceScope;
}

export type EnumName = keyof HubEnums;

/** One label table per enum, each with exactly the enum's values (messages.zh.ts, messages.en.ts). */
export type EnumLabels = { readonly [E in EnumName]: Readonly<Record<HubEnums[E], string>> };
