/**
 * Every table of the hub, each taken from its module's entry: what drizzle-kit reads
 * (server/drizzle.config.ts) and what tools/pg-schema.ts writes PostgreSQL DDL from. drizzle-kit
 * loads the entries with their GraphQL types, hence reflect-metadata first.
 */
import 'reflect-metadata';

export { branches, departments, categories, products } from '../org/index.js';
export { users } from '../user/index.js';
export { serviceAccounts } from '../service-account/index.js';
export { FEEDBACK_KINDS, CHANNELS, feedback, idempotencyKeys, feedbackCorrections } from '../feedback/index.js';
export {
  PROBLEM_STATUSES,
  SEVERITIES,
  ROOT_CAUSES,
  OUTCOMES,
  problems,
  diagnoses,
  diagnosisDepartments,
  problemBranches,
  consultations,
  consultationExperts,
  opinions,
  ACTION_STATUSES,
  EXTENSION_DECISIONS,
  actions,
  actionUpdates,
  extensionRequests,
} from '../loop/index.js';
export { contactRecords, contactRollups } from '../kpi/index.js';
export { HUB_EVENT_TYPES, hubEvents, type HubEventTypeCode } from '../event/index.js';
export { feedbackRollups, feedbackSeriesRollups, rollupState, publishedReports, reportNarratives } from '../report/index.js';
export { auditLog } from '../audit/index.js';
export { deadlineMarks } from '../deadline/index.js';
export {
  NOTIFICATION_KINDS,
  notifications,
  feedbackClusters,
  feedbackClusterItems,
  feedbackClusterCustomers,
} from '../notification/index.js';
export { IMPORT_KINDS, IMPORT_FORMATS, IMPORT_STATUSES, imports, importKeys } from '../import/index.js';
export { feedbackFeatures } from '../insight/index.js';
export { complaintCodes, complaintCases, complaintExtensions } from '../complaint/index.js';
export { customerContacts } from '../contact/index.js';
export { callbacks, callbackAttempts } from '../callback/index.js';
export { problemComments, problemFollowers } from '../discussion/index.js';
export { VIEW_LISTS, savedViews } from '../view/index.js';
export { EVIDENCE_PARENTS, evidenceFiles, evidenceChunks } from '../evidence/index.js';
export { ARTICLE_STATUSES, knowledgeArticles, knowledgeArticleRevisions, knowledgeAnswers } from '../knowledge/index.js';
export {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  ENDPOINT_FORMATS,
  PERSONAL_CHANNELS,
  outboundDeliveries,
  webhookEndpoints,
  notificationPreferences,
} from '../outbound/index.js';
