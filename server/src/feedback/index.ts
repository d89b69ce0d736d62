/** feedback: customer voices — record (idempotent), list, search. */
import { FeedbackResolver } from './feedback.resolver.js';

export { FeedbackService } from './feedback.service.js';
export { FeedbackType } from './feedback.type.js';
export type { FeedbackRow } from './feedback.repository.js';

export const feedbackModule = {
  name: 'feedback',
  resolvers: [FeedbackResolver],
};

// What other modules use of this one.
export { Channel, FeedbackKind } from './feedback.enums.js';
export { feedbackByIds, normaliseSearch, searchCondition } from './feedback.repository.js';
export { feedbackCursor } from './feedback.service.js';
export { CHANNELS, FEEDBACK_KINDS, feedback } from './feedback.table.js';
export { FeedbackConnection } from './feedback.type.js';
