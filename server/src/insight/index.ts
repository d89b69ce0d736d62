/** insight: similarity of customer text, suggested problems, recurrence. */
import { InsightResolver, ProblemRecurrenceResolver, BranchRecurrenceResolver } from './insight.resolver.js';
import type { Reaction } from '../event/index.js';
import { indexFeedback, indexImportedFeedback, recordedText, reindexCorrectedFeedback } from './insight.repository.js';

export { InsightService } from './insight.service.js';

export const insightModule = {
  name: 'insight',
  resolvers: [InsightResolver, ProblemRecurrenceResolver, BranchRecurrenceResolver],
  reactions: (): readonly Reaction[] => [
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
      // The same, in bulk: an import's batch records many voices and one RECORDS_IMPORTED.
      name: "index an imported batch's voices for similarity",
      on: ['RECORDS_IMPORTED'],
      run: async (tx, _event, _emit, { imported }) => {
        if (imported && 'feedbackAfterRowid' in imported) await indexImportedFeedback(tx, imported.feedbackAfterRowid);
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
export { feedbackSignatures } from './insight.table.js';
