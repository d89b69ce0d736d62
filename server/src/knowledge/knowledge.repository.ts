import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { feedback } from '../feedback/index.js';
import { consultations, problems } from '../loop/index.js';
import { knowledgeAnswers, knowledgeArticleRevisions, knowledgeArticles } from './knowledge.table.js';

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
export type RevisionRow = typeof knowledgeArticleRevisions.$inferSelect;
export type AnswerRow = typeof knowledgeAnswers.$inferSelect;

export const findArticle = (db: Db, id: string): Promise<ArticleRow | undefined> =>
  first(db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)));

export const articleOfProblem = (db: Db, problemId: string): Promise<ArticleRow | undefined> =>
  first(db.select().from(knowledgeArticles).where(eq(knowledgeArticles.problemId, problemId)));

/** Every article, most recently changed first (a bank's knowledge base: hundreds, not millions). */
export const allArticles = (db: Db): Promise<ArticleRow[]> =>
  db.select().from(knowledgeArticles).orderBy(desc(knowledgeArticles.updatedAt), desc(knowledgeArticles.id));

export async function insertArticle(tx: Db, row: ArticleRow): Promise<ArticleRow> {
  return (await first(tx.insert(knowledgeArticles).values(row).returning()))!;
}

/** Writes the change if the article is still at `version`; undefined when someone got there first. */
export function updateArticleIfVersion(tx: Db, id: string, version: number, set: Partial<ArticleRow>): Promise<ArticleRow | undefined> {
  return first(
    tx
      .update(knowledgeArticles)
      .set({ ...set, version: version + 1 })
      .where(and(eq(knowledgeArticles.id, id), eq(knowledgeArticles.version, version)))
      .returning(),
  );
}

/** An article's published revisions, newest first. */
export const revisionsOf = (db: Db, articleId: string): Promise<RevisionRow[]> =>
  db
    .select()
    .from(knowledgeArticleRevisions)
    .where(eq(knowledgeArticleRevisions.articleId, articleId))
    .orderBy(desc(knowledgeArticleRevisions.revision));

/** The latest published revision of each article that has one. */
export async function latestRevisions(db: Db, articleIds: readonly string[]): Promise<Map<string, RevisionRow>> {
  const out = new Map<string, RevisionRow>();
  if (!articleIds.length) return out;
  const found = await db
    .select()
    .from(knowledgeArticleRevisions)
    .where(inArray(knowledgeArticleRevisions.articleId, [...articleIds]))
    .orderBy(asc(knowledgeArticleRevisions.revision));
  for (const r of found) out.set(r.articleId, r);
  return out;
}

export async function insertRevision(tx: Db, row: RevisionRow): Promise<void> {
  await tx.insert(knowledgeArticleRevisions).values(row);
}

export async function insertAnswer(tx: Db, row: AnswerRow): Promise<void> {
  await tx.insert(knowledgeAnswers).values(row);
}

/** How many contacts were answered with each article. */
export async function answerCounts(db: Db, articleIds: readonly string[]): Promise<Map<string, number>> {
  if (!articleIds.length) return new Map();
  const found = await db
    .select({ articleId: knowledgeAnswers.articleId, n: count() })
    .from(knowledgeAnswers)
    .where(inArray(knowledgeAnswers.articleId, [...articleIds]))
    .groupBy(knowledgeAnswers.articleId);
  return new Map(found.map((r) => [r.articleId, Number(r.n)]));
}

/** What a resolved problem's draft is made of: the problem, its conclusion, its live feedback oldest first. */
export async function conclusionOf(db: Db, problemId: string) {
  const problem = await first(
    db
      .select({
        title: problems.title,
        categoryId: problems.categoryId,
        resolvedAt: problems.resolvedAt,
        rootCauseDetail: consultations.rootCauseDetail,
        remediationPlan: consultations.remediationPlan,
      })
      .from(problems)
      .leftJoin(consultations, eq(consultations.problemId, problems.id))
      .where(eq(problems.id, problemId)),
  );
  if (!problem) return undefined;
  const voices = await db
    .select({ text: feedback.text, productId: feedback.productId })
    .from(feedback)
    .where(and(eq(feedback.problemId, problemId), isNull(feedback.voidedAt)))
    .orderBy(asc(feedback.receivedAt), asc(feedback.id));
  return { ...problem, voices };
}

/** The live feedback texts of these problems (the customers' words each article answers). */
export async function voicesOfProblems(db: Db, problemIds: readonly string[]): Promise<{ problemId: string; text: string }[]> {
  if (!problemIds.length) return [];
  const found = await db
    .select({ problemId: feedback.problemId, text: feedback.text })
    .from(feedback)
    .where(and(inArray(feedback.problemId, [...problemIds]), isNull(feedback.voidedAt)));
  return found.map((r) => ({ problemId: r.problemId!, text: r.text }));
}

/** The latest feedback texts: how often customers use a word, for the similarity's weights. */
export async function recentVoices(db: Db, limit: number): Promise<string[]> {
  const found = await db.select({ text: feedback.text }).from(feedback).orderBy(desc(feedback.receivedAt)).limit(limit);
  return found.map((r) => r.text);
}
