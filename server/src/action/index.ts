/** action: the linkage table's actions, their state machine and due-date extensions. */
import { ActionResolver, ActionUpdateResolver, ExtensionResolver, HubEventActionResolver } from './action.resolver.js';

export { ActionService } from './action.service.js';

export const actionModule = {
  name: 'action',
  resolvers: [ActionResolver, ActionUpdateResolver, ExtensionResolver, HubEventActionResolver],
};
