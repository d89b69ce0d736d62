/** problem: problems and the loop's state machine. */
import { ProblemResolver } from './problem.resolver.js';

export { ProblemService } from './problem.service.js';

export const problemModule = {
  name: 'problem',
  resolvers: [ProblemResolver],
};
export { ProblemType } from './problem.type.js';
