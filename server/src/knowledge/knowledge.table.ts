import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

export const ARTICLE_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED'] as const;

/**
 * A knowledge-base article (知识库), drafted from a resolved problem's conclusion and edited by
 * analysts: the working copy. What agents see is its latest published revision
 * (knowledge_article_revisions), so that editing a published article does not take it away from the
 * front line until the new text is reviewed and published. One article a problem.
 */
export const knowledgeArticles = sqliteTable(
  'knowledge_articles',
  {
    id: text('id').primaryKey(),
    problemId: text('problem_id').unique(),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull(),
    title: text('title').notNull(),
    /** The customer's question, in the customers' own words (from the problem's feedback). */
    question: text('question').notNull(),
    /** What an agent should answer. */
    answer: text('answer').notNull(),
    /** What the bank changed. */
    change: text('change').notNull(),
    changedSince: integer('changed_since', { mode: 'timestamp_ms' }),
    categoryId: text('category_id'),
    /** The products it concerns (JSON array of product ids). */
    productIds: text('product_ids').notNull().default('[]'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    submittedBy: text('submitted_by'),
    retiredReason: text('retired_reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('knowledge_articles_status_idx').on(t.status, t.updatedAt)],
);

/** Each published text of an article, numbered from 1; the highest is what agents see. */
export const knowledgeArticleRevisions = sqliteTable(
  'knowledge_article_revisions',
  {
    articleId: text('article_id').notNull(),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    change: text('change').notNull(),
    changedSince: integer('changed_since', { mode: 'timestamp_ms' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    publishedBy: text('published_by').notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.revision] })],
);

/** A contact an agent answered with an article ("answered with this article"), counted per article. */
export const knowledgeAnswers = sqliteTable(
  'knowledge_answers',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id').notNull(),
    revision: integer('revision').notNull(),
    agentId: text('agent_id').notNull(),
    /** The feedback record of the contact, when the agent had saved it. */
    feedbackId: text('feedback_id'),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('knowledge_answers_article_idx').on(t.articleId)],
);
