/**
 * loop: the problem and everything that lives only inside it — the preliminary diagnosis, the
 * experts' consultation and its conclusion, and the head-office/branch linkage table of actions.
 * One module because it is one aggregate: concluding a consultation creates actions and moves the
 * problem to REMEDIATING; confirming the last action moves it to VERIFYING; a problem's branch
 * scope is where its feedback came from and where its actions are. Inside, the files keep the
 * names of the parts (problem.*, consultation.*, action.*).
 */
import { ProblemResolver, HubEventProblemResolver, FeedbackProblemResolver } from './problem.resolver.js';
import { ConsultationResolver, ConclusionResolver, OpinionResolver, DiagnosisResolver } from './consultation.resolver.js';
import { ActionResolver, ActionUpdateResolver, ExtensionResolver, HubEventActionResolver } from './action.resolver.js';

export { ProblemService } from './problem.service.js';
export { ConsultationService } from './consultation.service.js';
export { ActionService } from './action.service.js';
export { problemConcerns } from './problem.repository.js';
export { ProblemType } from './problem.type.js';

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
};
