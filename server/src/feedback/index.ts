/** feedback: customer voices — record (idempotent), list, search. */
import { FeedbackResolver, FeedbackCorrectionResolver } from './feedback.resolver.js';
import { feedbackLoaders } from './feedback.loaders.js';

export { FeedbackService } from './feedback.service.js';
export { FeedbackType } from './feedback.type.js';
export type { FeedbackRow } from './feedback.repository.js';

export const feedbackModule = {
  name: 'feedback',
  resolvers: [FeedbackResolver, FeedbackCorrectionResolver],
  loaders: feedbackLoaders,
};

// What other modules use of this one.
export { Channel, FeedbackKind } from './feedback.enums.js';
export { feedbackByIds, normaliseSearch, searchCondition } from './feedback.repository.js';
export { feedbackCursor } from './feedback.service.js';
export { CHANNELS, FEEDBACK_KINDS, feedback } from './feedback.table.js';
export { FeedbackConnection } from './feedback.type.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { idempotencyKeys, feedbackCorrections } from './feedback.table.js';
