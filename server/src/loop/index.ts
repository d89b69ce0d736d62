/**
 * loop: the problem and everything that lives only inside it — the preliminary diagnosis, the
 * experts' consultation and its conclusion, and the head-office/branch linkage table of actions.
 * One module because it is one aggregate: concluding a consultation creates actions and moves the
 * problem to REMEDIATING; confirming the last action moves it to VERIFYING; a problem's branch
 * scope is where its feedback came from and where its actions are. Inside, the files keep the
 * names of the parts (problem.*, consultation.*, action.*).
 *
 * Corrections (issue 18) put a mistake right without leaving the loop, each with a reason, an event
 * and a history line: the coordinator cancels, reassigns or re-dates an action, corrects a problem's
 * facts and changes the consultation's experts; an action's owner declines a row sent by mistake
 * (DECLINED, back to the coordinator); an expert declines an invitation; the analyst revises the
 * diagnosis until the consultation opens, detaches feedback, and merges a duplicate at any open
 * stage (mergeProblems: its feedback and actions move, its history shows in the target's). A
 * CANCELLED action stays in the table and holds nothing back: the problem moves on once every
 * other action is confirmed.
 */
import { ProblemResolver, HubEventProblemResolver, FeedbackProblemResolver } from './problem.resolver.js';
import { ConsultationResolver, ConclusionResolver, OpinionResolver, DiagnosisResolver } from './consultation.resolver.js';
import { ActionResolver, ActionUpdateResolver, ExtensionResolver, HubEventActionResolver } from './action.resolver.js';
import { loopLoaders } from './loop.loaders.js';

export { ProblemService } from './problem.service.js';
export { ConsultationService } from './consultation.service.js';
export { ActionService } from './action.service.js';
export { problemConcerns } from './problem.repository.js';
export { ProblemType, DiagnosisType, ExpertOpinionType } from './problem.type.js';

export const loopModule = {
  name: 'loop',
  resolvers: [
    ProblemResolver,
    HubEventProblemResolver,
    FeedbackProblemResolver,
    DiagnosisResolver,
    ConsultationResolver,
    OpinionResolver,
    ConclusionResolver,
    ActionResolver,
    ActionUpdateResolver,
    ExtensionResolver,
    HubEventActionResolver,
  ],
  loaders: loopLoaders,
};

// What other modules use of this one.
export { actionsOfProblems, findAction, latestExtensions, updatesOfActions } from './action.repository.js';
export type { ActionRow } from './action.repository.js';
export { isOverdue, SETTLED_ACTION_STATUSES } from './action.rules.js';
export { actionUpdates, actions, extensionRequests } from './action.table.js';
export { LinkageActionType } from './action.type.js';
export { consultationExperts, consultations, opinions } from './consultation.table.js';
export { Outcome, ProblemStatus, RootCause } from './problem.enums.js';
export { branchIdsOfProblems, concernsBranches, findProblem } from './problem.repository.js';
export type { ProblemRow } from './problem.repository.js';
export { OUTCOMES, PROBLEM_STATUSES, ROOT_CAUSES, diagnoses, problems } from './problem.table.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { ACTION_STATUSES, EXTENSION_DECISIONS } from './action.table.js';
export { SEVERITIES, diagnosisDepartments, problemBranches } from './problem.table.js';

// The state machines, for the demo's simulator (which plays the loop with them).
export { nextProblemStatus, shouldStartVerification, type ProblemOperation } from './problem.rules.js';
export { nextActionStatus, type ActionOperation } from './action.rules.js';
