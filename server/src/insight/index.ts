/** insight: similarity of customer text, suggested problems, recurrence. */
import { InsightResolver, ProblemRecurrenceResolver, BranchRecurrenceResolver } from './insight.resolver.js';

export { InsightService } from './insight.service.js';

export const insightModule = {
  name: 'insight',
  resolvers: [InsightResolver, ProblemRecurrenceResolver, BranchRecurrenceResolver],
};
