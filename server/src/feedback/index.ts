/** feedback: customer voices — record (idempotent), list, search. */
import { FeedbackResolver } from './feedback.resolver.js';

export { FeedbackService } from './feedback.service.js';
export { FeedbackType } from './feedback.type.js';
export type { FeedbackRow } from './feedback.repository.js';

export const feedbackModule = {
  name: 'feedback',
  resolvers: [FeedbackResolver],
};
