// What other features may use of the callbacks feature (回访): a problem's callbacks on the problem
// page, and the callback KPIs on the dashboard. The queue page is routed to directly (app.tsx).
export { ProblemCallbacks } from './problem-callbacks.js';
export { CallbackKpis } from './callback-kpis.js';
