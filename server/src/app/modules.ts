import type { HubModule } from './module.js';
import { orgModule } from '../org/index.js';
import { userModule } from '../user/index.js';
import { authModule } from '../auth/index.js';
import { serviceAccountModule } from '../service-account/index.js';
import { auditModule } from '../audit/index.js';
import { eventModule } from '../event/index.js';
import { feedbackModule } from '../feedback/index.js';
import { loopModule } from '../loop/index.js';
import { insightModule } from '../insight/index.js';
import { deadlineModule } from '../deadline/index.js';
import { notificationModule } from '../notification/index.js';
import { kpiModule } from '../kpi/index.js';
import { reportModule } from '../report/index.js';
import { importModule } from '../import/index.js';
import { complaintModule } from '../complaint/index.js';
import { contactModule } from '../contact/index.js';
import { callbackModule } from '../callback/index.js';
import { discussionModule } from '../discussion/index.js';
import { viewModule } from '../view/index.js';
import { evidenceModule } from '../evidence/index.js';
import { knowledgeModule } from '../knowledge/index.js';
import { outboundModule } from '../outbound/index.js';

/**
 * Every feature of the hub, once. A feature is its folder plus its line here: the schema takes its
 * resolvers, the HTTP app its routes, every write its reactions and commit hooks, in this order.
 */
export const MODULES: readonly HubModule[] = [
  orgModule,
  userModule,
  authModule,
  // Its HTTP gate must come before every other module's routes.
  serviceAccountModule,
  auditModule,
  eventModule,
  feedbackModule,
  loopModule,
  insightModule,
  deadlineModule,
  notificationModule,
  kpiModule,
  reportModule,
  importModule,
  complaintModule,
  contactModule,
  callbackModule,
  discussionModule,
  viewModule,
  evidenceModule,
  knowledgeModule,
  // After notification: an event's webhook deliveries are written after its inbox rows.
  outboundModule,
];
