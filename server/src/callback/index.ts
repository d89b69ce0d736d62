/**
 * callback: callbacks (回访) — when a problem is resolved, its customers are called back by the
 * contact center; a dissatisfied customer reopens their complaint case and flags the problem.
 */
import type { HubServices } from '../core/context.js';
import type { Reaction } from '../event/index.js';
import { callbackLoaders } from './callback.loaders.js';
import { CallbackResolver, HubEventCallbackResolver, ProblemCallbacksResolver } from './callback.resolver.js';

export { CallbackService, type CallbackConfig, type CallbackKpis } from './callback.service.js';

export const callbackModule = {
  name: 'callback',
  resolvers: [CallbackResolver, ProblemCallbacksResolver, HubEventCallbackResolver],
  loaders: callbackLoaders,
  reactions: (hub: HubServices): readonly Reaction[] => [
    {
      name: 'one callback task per distinct customer of a resolved problem (none while one is open)',
      on: ['PROBLEM_RESOLVED'],
      run: (tx, event, emit) => hub.callbacks.createForResolvedProblem(tx, event, emit),
    },
  ],
};

// What other modules use of this one.
export { callbacks, callbackAttempts } from './callback.table.js';
export { callbackKpisOf, callbackAssigneeId } from './callback.repository.js';
export { callbackDeadlineSource, callbackDeadlinePolicyOf } from './callback.deadline.js';
