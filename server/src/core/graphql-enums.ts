import { registerEnumType } from 'type-graphql';
import { ROLES } from '../user/user.table.js';
import { FEEDBACK_KINDS, CHANNELS } from '../feedback/feedback.table.js';
import { PROBLEM_STATUSES, SEVERITIES, ROOT_CAUSES, OUTCOMES } from '../problem/problem.table.js';
import { ACTION_STATUSES, EXTENSION_DECISIONS } from '../action/action.table.js';
import { HUB_EVENT_TYPES } from '../event/event.table.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

/** GraphQL enums, one object per enum, built from the tables' value lists so they cannot drift. */
export const Role = enumOf(ROLES);
export const BranchLevel = enumOf(['HEAD_OFFICE', 'BRANCH', 'SUB_BRANCH', 'OUTLET'] as const);
export const FeedbackKind = enumOf(FEEDBACK_KINDS);
export const Channel = enumOf(CHANNELS);
export const Severity = enumOf(SEVERITIES);
export const ProblemStatus = enumOf(PROBLEM_STATUSES);
export const ActionStatus = enumOf(ACTION_STATUSES);
export const RootCause = enumOf(ROOT_CAUSES);
export const Outcome = enumOf(OUTCOMES);
export const ExtensionDecision = enumOf(EXTENSION_DECISIONS);
export const HubEventType = enumOf(HUB_EVENT_TYPES);

registerEnumType(Role, { name: 'Role', description: 'What a user does in the loop.' });
registerEnumType(BranchLevel, { name: 'BranchLevel', description: '总行 → 分行 → 支行 → 网点.' });
registerEnumType(FeedbackKind, { name: 'FeedbackKind', description: '赞扬之声 / 问题之声 / 建议之声.' });
registerEnumType(Channel, { name: 'Channel', description: 'Where the customer spoke.' });
registerEnumType(Severity, { name: 'Severity' });
registerEnumType(ProblemStatus, { name: 'ProblemStatus', description: "A problem's place in the loop." });
registerEnumType(ActionStatus, { name: 'ActionStatus', description: "A linkage action's progress." });
registerEnumType(RootCause, { name: 'RootCause' });
registerEnumType(Outcome, { name: 'Outcome', description: 'What fixing the problem at the source produced.' });
registerEnumType(ExtensionDecision, { name: 'ExtensionDecision' });
registerEnumType(HubEventType, { name: 'HubEventType' });
