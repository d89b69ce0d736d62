/** insight: similarity of customer text, suggested problems, recurrence. */
import { InsightResolver, ProblemRecurrenceResolver, BranchRecurrenceResolver } from './insight.resolver.js';
import type { Reaction } from '../event/index.js';
import type { HubServices } from '../core/context.js';
import { indexFeedback, recordedText, reindexCorrectedFeedback } from './insight.repository.js';

export { InsightService } from './insight.service.js';

export const insightModule = {
  name: 'insight',
  resolvers: [InsightResolver, ProblemRecurrenceResolver, BranchRecurrenceResolver],
  reactions: (hub: HubServices): readonly Reaction[] => [
    {
      name: 'index a recorded voice for similarity (suggestions, similar feedback, 3-in-3)',
      on: ['FEEDBACK_RECORDED'],
      run: async (tx, event, _emit, facts) => {
        const id = event.feedbackId!;
        const text = facts.text ?? (await recordedText(tx, id));
        if (text !== undefined) await indexFeedback(tx, { id, text });
      },
    },
    {
      // The same, in bulk, after the batch's commit: an import's batch records many voices and one
      // RECORDS_IMPORTED, and hashing thousands of texts inside its transaction held the write lock
      // (and the import) for it. The background catch-up indexes what has no features, whoever
      // wrote it, so a process that dies before it is done loses nothing: the next start resumes.
      name: "index an imported batch's voices for similarity (the background catch-up, started after the batch's commit)",
      on: ['RECORDS_IMPORTED'],
      when: 'after commit',
      run: (_event, { imported }) => {
        if (imported && 'feedbackAfterRowid' in imported) hub.insight.indexSoon();
      },
    },
    {
      // Similar feedback, suggestions and recurrence read the item as corrected; a voided one leaves them.
      name: 'index a corrected voice again; take a voided one out of the similarity index',
      on: ['FEEDBACK_CORRECTED', 'FEEDBACK_VOIDED'],
      run: async (tx, event, _emit, { feedbackBefore, text }) => {
        const id = event.feedbackId!;
        const now = text ?? feedbackBefore?.text ?? (await recordedText(tx, id));
        if (now !== undefined) await reindexCorrectedFeedback(tx, { id, text: now });
      },
    },
  ],
};

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { feedbackFeatures } from './insight.table.js';

// The similarity itself, for other modules that compare customers' words the hub's way (knowledge's
// article suggestions): the weighted cosine over an index of texts, and the threshold of "similar".
export { indexOf, featuresOf, SIMILARITY_THRESHOLD } from './insight.rules.js';
