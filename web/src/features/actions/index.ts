// What other features may use of the action feature: the buttons that move an action on, shown on
// the problem's linkage table and the coordinator's desk alike.
export { ActionOperations } from './action-operations.js';
