// What other features may use of the action feature: the list of actions across problems (the
// coordinator's queues) and the buttons that move an action on (the problem's linkage table).
export { ACTION_LIST_QUERY } from './action-list.query.js';
export { ActionList, type ListedAction } from './action-list.js';
export { ActionOperations } from './action-operations.js';
