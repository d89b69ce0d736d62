/** problem: problems and the loop's state machine. */
import { ProblemResolver, HubEventProblemResolver } from './problem.resolver.js';

export { ProblemService } from './problem.service.js';
export { problemConcerns } from './problem.repository.js';

export const problemModule = {
  name: 'problem',
  resolvers: [ProblemResolver, HubEventProblemResolver],
};
