// What other features may use of the callbacks feature (回访): a problem's callbacks on the problem
// page. The queue page is routed to directly (app.tsx); the dashboard's callback KPIs are its own.
export { ProblemCallbacks } from './problem-callbacks.js';
