import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import { badInput, conflict, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { idOf, optionalText, requiredText, validDate } from '../core/validate.js';
import { write } from '../event/index.js';
import { featuresOf, indexOf, SIMILARITY_THRESHOLD } from '../insight/index.js';
import {
  SUGGESTIONS_MAX,
  TEXT_MAX,
  TITLE_MAX,
  canCurate,
  draftFromConclusion,
  isLive,
  nextArticleStatus,
  type ArticleOperation,
  type ArticleStatusCode,
} from './knowledge.rules.js';
import {
  allArticles,
  answerCounts,
  articleOfProblem,
  conclusionOf,
  findArticle,
  insertAnswer,
  insertArticle,
  insertRevision,
  latestRevisions,
  recentVoices,
  revisionsOf,
  updateArticleIfVersion,
  voicesOfProblems,
  type ArticleRow,
  type RevisionRow,
} from './knowledge.repository.js';

/** An article as a viewer sees it: agents read the live published text, curators the working copy. */
export interface ArticleView extends ArticleRow {
  /** The latest published revision (undefined before the first publication). */
  published: RevisionRow | undefined;
  live: boolean;
}

export interface ArticleSuggestion {
  article: ArticleView;
  /** The weighted cosine of the typed words with the article's question (insight's similarity). */
  score: number;
}

export interface EditArticleFields {
  articleId: string;
  expectedVersion: number;
  title?: string | null;
  question?: string | null;
  answer?: string | null;
  change?: string | null;
  changedSince?: Date | null;
  /** Null clears the expiry. */
  expiresAt?: Date | null;
}

export interface ArticleStepFields {
  articleId: string;
  expectedVersion: number;
}

/** Feedback texts read for the similarity's word weights. */
const WEIGHT_SAMPLE = 2_000;

/**
 * The knowledge base (知识库, issue 20), fed by fixes: a resolved problem's conclusion becomes a
 * draft article (the reaction declared in index.ts); analysts and coordinators edit it, submit it
 * for review, and a reviewer other than the submitter publishes it as a new numbered revision;
 * articles expire (expiresAt of the published revision) or are retired. Agents see only live
 * articles, as published: beside the feedback form, those whose question is similar to the words
 * they type (insight's weighted cosine and threshold, the hub's meaning of "similar"), and they
 * mark a contact "answered with this article", which is counted.
 */
export class KnowledgeService {
  constructor(private readonly deps: HubDeps) {}

  /** The draft a resolved problem yields, once: a problem resolved again keeps its article. */
  async draftForResolvedProblem(tx: Db, problemId: string, at: Date): Promise<void> {
    if (await articleOfProblem(tx, problemId)) return;
    const facts = await conclusionOf(tx, problemId);
    if (!facts) return;
    const draft = draftFromConclusion({
      title: facts.title,
      feedbackTexts: facts.voices.map((v) => v.text),
      rootCauseDetail: facts.rootCauseDetail,
      remediationPlan: facts.remediationPlan,
      resolutionNote: null,
    });
    const productIds = [...new Set(facts.voices.flatMap((v) => (v.productId ? [v.productId] : [])))];
    await insertArticle(tx, {
      id: newId('KnowledgeArticle', at.getTime()),
      problemId,
      status: 'DRAFT',
      ...draft,
      changedSince: facts.resolvedAt ?? at,
      categoryId: facts.categoryId,
      productIds: JSON.stringify(productIds),
      expiresAt: null,
      submittedBy: null,
      retiredReason: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
  }

  private views(viewer: Viewer, rows: readonly ArticleRow[], published: Map<string, RevisionRow>): ArticleView[] {
    const now = this.deps.clock.now();
    const out: ArticleView[] = [];
    for (const row of rows) {
      const rev = published.get(row.id);
      const live = isLive(row.status, rev, now);
      if (canCurate(viewer.role)) out.push({ ...row, published: rev, live });
      // Everyone else reads what was published, and only while it is live.
      else if (live && rev)
        out.push({
          ...row,
          title: rev.title,
          question: rev.question,
          answer: rev.answer,
          change: rev.change,
          changedSince: rev.changedSince,
          expiresAt: rev.expiresAt,
          published: rev,
          live,
        });
    }
    return out;
  }

  private async visible(db: Db, viewer: Viewer): Promise<ArticleView[]> {
    const rows = await allArticles(db);
    return this.views(
      viewer,
      rows,
      await latestRevisions(
        db,
        rows.map((r) => r.id),
      ),
    );
  }

  /** One article; NOT_FOUND for an agent when it is not live. */
  async article(viewer: Viewer, id: string): Promise<ArticleView> {
    const db = this.deps.store.read;
    const row = await findArticle(db, idOf('id', id, 'KnowledgeArticle'));
    const [view] = row ? this.views(viewer, [row], await latestRevisions(db, [row.id])) : [];
    if (!view) throw notFound('KnowledgeArticle', id);
    return view;
  }

  /**
   * The articles a viewer may read, optionally of one status, and matching a search: the words
   * appear in its title, question, answer or change (Chinese has no spaces to split words by, so a
   * substring), or its question is similar to them.
   */
  async articles(viewer: Viewer, filter: { search?: string | null; status?: ArticleStatusCode | null }): Promise<ArticleView[]> {
    let found = await this.visible(this.deps.store.read, viewer);
    if (filter.status) found = found.filter((a) => a.status === filter.status);
    const search = optionalText('search', filter.search, TEXT_MAX);
    if (!search) return found;
    const needle = search.normalize('NFKC').toLowerCase();
    const similar = new Set((await this.rank(this.deps.store.read, found, search)).map((s) => s.article.id));
    return found.filter(
      (a) => similar.has(a.id) || [a.title, a.question, a.answer, a.change].some((t) => t.normalize('NFKC').toLowerCase().includes(needle)),
    );
  }

  /**
   * Articles whose customers' words are similar to the given words, best first: each article is
   * matched on its question and on the feedback of the problem it came from (every customer's way
   * of saying it), by insight's weighted cosine, the best of its texts counting. The weights (how
   * rare a word is) come from the latest feedback as well, as insight weighs over all feedback:
   * over a handful of articles alone, every word would weigh the same.
   */
  private async rank(db: Db, articles: readonly ArticleView[], words: string): Promise<ArticleSuggestion[]> {
    if (!articles.length) return [];
    const voices = await voicesOfProblems(
      db,
      articles.flatMap((a) => (a.problemId ? [a.problemId] : [])),
    );
    const texts: string[] = [];
    const owner: number[] = [];
    articles.forEach((a, i) => {
      texts.push(a.question);
      owner.push(i);
      for (const v of voices) {
        if (v.problemId !== a.problemId) continue;
        texts.push(v.text);
        owner.push(i);
      }
    });
    const matched = texts.length;
    texts.push(...(await recentVoices(db, WEIGHT_SAMPLE)));
    const index = indexOf(texts);
    const best = new Float64Array(articles.length);
    index.withVector(index.vectorOf(featuresOf(words)), (cosine) => {
      for (let slot = 0; slot < matched; slot++) best[owner[slot]!] = Math.max(best[owner[slot]!]!, cosine(slot));
    });
    return articles
      .map((article, i) => ({ article, score: best[i]! }))
      .filter((s) => s.score >= SIMILARITY_THRESHOLD)
      .sort((a, b) => b.score - a.score || a.article.id.localeCompare(b.article.id));
  }

  /** The live articles that answer what the customer says, as the agent types it (at most SUGGESTIONS_MAX). */
  async suggestions(viewer: Viewer, text: string, first?: number | null): Promise<ArticleSuggestion[]> {
    const words = optionalText('text', text, TEXT_MAX);
    if (!words) return [];
    const limit = Math.min(Math.max(first ?? SUGGESTIONS_MAX, 1), SUGGESTIONS_MAX);
    const live = (await this.visible(this.deps.store.read, viewer)).filter((a) => a.live);
    // Matched on the text agents are shown: the published revision.
    const asPublished = live.map((a) => ({ ...a, question: a.published!.question }));
    const ranked = await this.rank(this.deps.store.read, asPublished, words);
    return ranked.slice(0, limit).map((s) => ({ ...s, article: live.find((a) => a.id === s.article.id)! }));
  }

  private async curated(
    viewer: Viewer,
    input: ArticleStepFields,
    operation: ArticleOperation,
    change: (tx: Db, row: ArticleRow, now: Date) => Promise<Partial<ArticleRow>>,
  ): Promise<ArticleView> {
    if (!canCurate(viewer.role)) throw forbidden('Only analysts and coordinators curate the knowledge base.');
    const id = idOf('input.articleId', input.articleId, 'KnowledgeArticle');
    await write(this.deps, async (tx, _emit, now) => {
      const row = await findArticle(tx, id);
      if (!row) throw notFound('KnowledgeArticle', id);
      if (row.version !== input.expectedVersion) throw conflict(row.version);
      const to = nextArticleStatus(row.status, operation);
      if (!to) throw invalidTransition(row.status, operation);
      const set = await change(tx, row, now);
      const updated = await updateArticleIfVersion(tx, id, row.version, { ...set, status: to, updatedAt: now });
      if (!updated) throw conflict(row.version + 1);
    });
    return this.article(viewer, id);
  }

  /** Edits the working copy; what was in review or published becomes a draft again (the published text stays live). */
  editArticle(viewer: Viewer, input: EditArticleFields): Promise<ArticleView> {
    return this.curated(viewer, input, 'edit', async () => {
      const set: Partial<ArticleRow> = { submittedBy: null };
      if (input.title != null) set.title = requiredText('input.title', input.title, TITLE_MAX);
      if (input.question != null) set.question = requiredText('input.question', input.question, TEXT_MAX);
      if (input.answer != null) set.answer = requiredText('input.answer', input.answer, TEXT_MAX);
      if (input.change != null) set.change = requiredText('input.change', input.change, TEXT_MAX);
      if (input.changedSince != null) set.changedSince = validDate('input.changedSince', input.changedSince);
      if (input.expiresAt !== undefined) set.expiresAt = input.expiresAt === null ? null : validDate('input.expiresAt', input.expiresAt);
      return set;
    });
  }

  /** Sends a draft for review. */
  submitArticle(viewer: Viewer, input: ArticleStepFields): Promise<ArticleView> {
    return this.curated(viewer, input, 'submit', async () => ({ submittedBy: viewer.id }));
  }

  /**
   * Publishes what is in review as the next revision, live for agents at once (until its expiry).
   * The reviewer is not who submitted it (FORBIDDEN): a second reader for what every agent will say.
   */
  publishArticle(viewer: Viewer, input: ArticleStepFields): Promise<ArticleView> {
    return this.curated(viewer, input, 'publish', async (tx, row, now) => {
      if (row.submittedBy === viewer.id) throw forbidden('Another analyst or coordinator reviews and publishes what you submitted.');
      if (row.expiresAt && row.expiresAt.getTime() <= now.getTime())
        throw badInput('input.articleId', 'Its expiry date has passed: change expiresAt first.');
      const [latest] = await revisionsOf(tx, row.id);
      await insertRevision(tx, {
        articleId: row.id,
        revision: (latest?.revision ?? 0) + 1,
        title: row.title,
        question: row.question,
        answer: row.answer,
        change: row.change,
        changedSince: row.changedSince,
        expiresAt: row.expiresAt,
        publishedBy: viewer.id,
        publishedAt: now,
      });
      return {};
    });
  }

  /** Takes an article off the front line for good, with the reason. */
  retireArticle(viewer: Viewer, input: ArticleStepFields & { reason: string }): Promise<ArticleView> {
    const reason = requiredText('input.reason', input.reason, TITLE_MAX);
    return this.curated(viewer, input, 'retire', async () => ({ retiredReason: reason }));
  }

  /** The agent answered a contact with a live article: counted for the article (and its revision). */
  async markAnswered(viewer: Viewer, input: { articleId: string; feedbackId?: string | null }): Promise<ArticleView> {
    if (viewer.role !== 'AGENT') throw forbidden('Agents mark the contacts they answer with an article.');
    const id = idOf('input.articleId', input.articleId, 'KnowledgeArticle');
    const feedbackId = input.feedbackId ? idOf('input.feedbackId', input.feedbackId, 'Feedback') : null;
    await write(this.deps, async (tx, _emit, now) => {
      const row = await findArticle(tx, id);
      const rev = row ? (await latestRevisions(tx, [id])).get(id) : undefined;
      if (!row || !isLive(row.status, rev, now)) throw notFound('KnowledgeArticle', id);
      await insertAnswer(tx, {
        id: newId('KnowledgeAnswer', now.getTime()),
        articleId: id,
        revision: rev!.revision,
        agentId: viewer.id,
        feedbackId,
        answeredAt: now,
      });
    });
    return this.article(viewer, id);
  }

  revisions(article: ArticleView): Promise<RevisionRow[]> {
    return revisionsOf(this.deps.store.read, article.id);
  }

  async answeredCount(article: ArticleView): Promise<number> {
    return (await answerCounts(this.deps.store.read, [article.id])).get(article.id) ?? 0;
  }
}
