/**
 * knowledge: the knowledge base (知识库) fed by fixes (issue 20). A resolved problem's conclusion
 * yields a draft article by the reaction declared here; analysts edit, review and publish it as
 * numbered revisions that expire or are retired; agents get the live ones beside the feedback form
 * by insight's similarity, and mark a contact answered with one.
 */
import type { HubServices } from '../core/context.js';
import type { Reaction } from '../event/index.js';
import { KnowledgeResolver } from './knowledge.resolver.js';

export { KnowledgeService } from './knowledge.service.js';

export const knowledgeModule = {
  name: 'knowledge',
  resolvers: [KnowledgeResolver],
  reactions: (hub: HubServices): readonly Reaction[] => [
    {
      name: "a resolved problem's conclusion yields a draft knowledge-base article (once a problem)",
      on: ['PROBLEM_RESOLVED'],
      run: (tx, event) => hub.knowledge.draftForResolvedProblem(tx, event.problemId!, event.at),
    },
  ],
};

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { ARTICLE_STATUSES, knowledgeAnswers, knowledgeArticleRevisions, knowledgeArticles } from './knowledge.table.js';
