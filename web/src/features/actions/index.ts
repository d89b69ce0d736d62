// What other features may use of the action feature: the list of actions across problems (the
// coordinator's queues), the buttons that move an action on (the problem's linkage table), and the
// phone's form of a linkage table (cards) with the row title every form shares.
export { ACTION_LIST_QUERY } from './action-list.query.js';
export { ActionList, type ListedAction } from './action-list.js';
export { ActionOperations } from './action-operations.js';
export { ActionCardList, ActionTitle, actionRowClass } from './action-card-list.js';
