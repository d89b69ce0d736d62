import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, type TestHub } from '../utils/hub.js';
import { demoIds, ok, recordFeedback, resolvedProblem, tokens, type DemoIds } from '../utils/fixtures.js';

/**
 * The knowledge base fed by fixes (issue 20), over real HTTP: a resolved problem yields a draft
 * article in its customers' words; analysts edit, submit and another reviewer publishes it as
 * numbered revisions; agents see only the live published text, get it suggested for a paraphrase
 * of its question and not for unrelated words, and mark contacts answered with it (counted);
 * an expired or retired article leaves the front line.
 */
const MINUTE = 60_000;
const ARTICLE = `id status version title question answer change changedSince expiresAt live revision answeredCount problemId
  category { code } revisions { revision answer expiresAt }`;
const Q = {
  list: `query($s: String, $st: ArticleStatus) { knowledgeArticles(search: $s, status: $st) { ${ARTICLE} } }`,
  one: `query($id: ID!) { knowledgeArticle(id: $id) { ${ARTICLE} } }`,
  suggest: `query($t: String!) { articleSuggestions(text: $t) { score article { id answer } } }`,
};
const M = {
  edit: `mutation($i: EditArticleInput!) { editArticle(input: $i) { ${ARTICLE} } }`,
  submit: `mutation($i: ArticleStepInput!) { submitArticle(input: $i) { ${ARTICLE} } }`,
  publish: `mutation($i: ArticleStepInput!) { publishArticle(input: $i) { ${ARTICLE} } }`,
  retire: `mutation($i: RetireArticleInput!) { retireArticle(input: $i) { ${ARTICLE} } }`,
  answered: `mutation($i: MarkAnsweredWithArticleInput!) { markAnsweredWithArticle(input: $i) { id answeredCount } }`,
};

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
const marker = `KB${Date.now().toString(36).toUpperCase()}`;
const WORDS = '信用卡年费被重复扣收了两次，客户要求退还多扣的年费';
const PARAPHRASE = '客户说信用卡年费被扣了两次，要求把多扣的年费退回';
const UNRELATED = '网点门口的停车位太少，开车来办业务很不方便';

const gql = (who: string, q: string, vars: Record<string, unknown> = {}) => hub.gql(t[who]!, q, vars);
const step = async (who: string, m: string, a: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
  gql(who, m, { i: { articleId: a.id, expectedVersion: a.version, ...extra } });
const suggested = async (text: string) => {
  const found = ok(await gql('agent', Q.suggest, { t: text })).articleSuggestions as { score: number; article: { id: string } }[];
  return found.map((s) => s.article.id);
};

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 40, contacts: 20 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.analyst!);
});
afterAll(async () => hub?.stop());

describe('the knowledge base fed by fixes', () => {
  let article: any;

  it('a resolved problem yields one draft article in its customers’ words, which agents do not see', async () => {
    const first = await recordFeedback(hub, t.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.CREDIT_CARD!, text: WORDS });
    hub.clock.advance(MINUTE); // the first customer's words are the question
    const second = await recordFeedback(hub, t.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: `${marker} 客户反映年费重复扣收`,
    });
    const before = ok(await gql('analyst', Q.list)).knowledgeArticles.length;
    const p = await resolvedProblem(hub, t, ids, [first, second], `${marker} 信用卡年费重复扣收`);
    expect(p.status).toBe('RESOLVED');

    const drafts = ok(await gql('analyst', Q.list, { st: 'DRAFT' })).knowledgeArticles as any[];
    expect(ok(await gql('analyst', Q.list)).knowledgeArticles).toHaveLength(before + 1);
    article = drafts.find((a) => a.problemId === p.id);
    expect(article).toMatchObject({
      status: 'DRAFT',
      title: `${marker} 信用卡年费重复扣收`,
      question: WORDS,
      answer: expect.stringContaining('优化流程并培训'),
      change: expect.stringContaining('审批环节缺失'),
      changedSince: expect.any(String),
      category: { code: 'CREDIT_CARD' },
      live: false,
      revision: null,
      revisions: [],
      answeredCount: 0,
    });
    // Not published: not the agents' to read, nor suggested.
    expect(ok(await gql('agent', Q.list)).knowledgeArticles.map((a: any) => a.id)).not.toContain(article.id);
    expect(codeOf(await gql('agent', Q.one, { id: article.id }))).toBe('NOT_FOUND');
    expect(await suggested(PARAPHRASE)).not.toContain(article.id);
  });

  it('edited, submitted, published by another reviewer: live for agents, suggested for a paraphrase and not for unrelated words', async () => {
    article = ok(
      await step('analyst', M.edit, article, { answer: '多扣的年费已于三个工作日内原路退还，系统已修复重复扣收。' }),
    ).editArticle;
    expect(article).toMatchObject({ status: 'DRAFT', version: 2 });
    expect(codeOf(await step('agent', M.edit, article, { answer: '坐席不能改' }))).toBe('FORBIDDEN');
    expect(codeOf(await step('analyst', M.publish, article))).toBe('INVALID_TRANSITION');
    expect(codeOf(await step('analyst', M.submit, { ...article, version: 1 }))).toBe('CONFLICT');
    article = ok(await step('analyst', M.submit, article)).submitArticle;
    expect(article.status).toBe('IN_REVIEW');
    // Who submitted it does not publish it.
    expect(codeOf(await step('analyst', M.publish, article))).toBe('FORBIDDEN');
    article = ok(await step('coordinator', M.publish, article)).publishArticle;
    expect(article).toMatchObject({ status: 'PUBLISHED', live: true, revision: 1 });

    const seen = ok(await gql('agent', Q.one, { id: article.id })).knowledgeArticle;
    expect(seen.answer).toBe('多扣的年费已于三个工作日内原路退还，系统已修复重复扣收。');
    expect(await suggested(PARAPHRASE)).toContain(article.id);
    expect(await suggested(UNRELATED)).not.toContain(article.id);
    // Searchable in Chinese: by a word of it, and by a paraphrase of its question.
    const search = async (s: string) => ok(await gql('agent', Q.list, { s })).knowledgeArticles.map((a: any) => a.id);
    expect(await search('年费')).toContain(article.id);
    expect(await search(PARAPHRASE)).toContain(article.id);
    expect(await search('停车位')).not.toContain(article.id);
  });

  it('versioned: a new edit is a draft while agents keep the published text, until revision 2 is published', async () => {
    article = ok(await step('analyst', M.edit, article, { answer: '多扣的年费将在五个工作日内退还。' })).editArticle;
    expect(article).toMatchObject({ status: 'DRAFT', revision: 1, live: true });
    expect(ok(await gql('agent', Q.one, { id: article.id })).knowledgeArticle.answer).toBe(
      '多扣的年费已于三个工作日内原路退还，系统已修复重复扣收。',
    );
    article = ok(await step('coordinator', M.submit, article)).submitArticle;
    article = ok(await step('analyst', M.publish, article)).publishArticle;
    expect(article).toMatchObject({ status: 'PUBLISHED', revision: 2 });
    expect(article.revisions.map((r: any) => r.revision)).toEqual([2, 1]);
    expect(ok(await gql('agent', Q.one, { id: article.id })).knowledgeArticle.answer).toBe('多扣的年费将在五个工作日内退还。');
    expect((await suggested(PARAPHRASE))[0]).toBe(article.id);
  });

  it('“answered with this article” is counted, by agents only', async () => {
    const fb = await recordFeedback(hub, t.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: `${marker} 已按知识库答复`,
    });
    expect(ok(await gql('agent', M.answered, { i: { articleId: article.id, feedbackId: fb } })).markAnsweredWithArticle.answeredCount).toBe(
      1,
    );
    expect(ok(await gql('agent', M.answered, { i: { articleId: article.id } })).markAnsweredWithArticle.answeredCount).toBe(2);
    expect(codeOf(await gql('analyst', M.answered, { i: { articleId: article.id } }))).toBe('FORBIDDEN');
    expect(ok(await gql('analyst', Q.one, { id: article.id })).knowledgeArticle.answeredCount).toBe(2);
    const rows = await hub.db.all<{ revision: number; feedback_id: string | null }>(
      'SELECT revision, feedback_id FROM knowledge_answers WHERE article_id = ? ORDER BY answered_at, id',
      article.id,
    );
    expect(rows.map((r) => Number(r.revision))).toEqual([2, 2]);
    expect(rows.map((r) => r.feedback_id).sort()).toEqual([fb, null].sort());
  });

  it('an expired article leaves the front line; a retired one too, for good', async () => {
    const expiresAt = new Date(hub.clock.now().getTime() + MINUTE).toISOString();
    article = ok(await step('analyst', M.edit, article, { expiresAt })).editArticle;
    article = ok(await step('analyst', M.submit, article)).submitArticle;
    article = ok(await step('coordinator', M.publish, article)).publishArticle;
    expect(article).toMatchObject({ revision: 3, live: true, expiresAt });
    expect(await suggested(PARAPHRASE)).toContain(article.id);

    hub.clock.advance(2 * MINUTE);
    expect(await suggested(PARAPHRASE)).not.toContain(article.id);
    expect(codeOf(await gql('agent', Q.one, { id: article.id }))).toBe('NOT_FOUND');
    expect(codeOf(await gql('agent', M.answered, { i: { articleId: article.id } }))).toBe('NOT_FOUND');
    expect(ok(await gql('analyst', Q.one, { id: article.id })).knowledgeArticle).toMatchObject({ status: 'PUBLISHED', live: false });
    // Publishing again with the past expiry is refused: the date must change first.
    article = ok(await step('analyst', M.edit, article, { answer: '年费重复扣收已退还。' })).editArticle;
    article = ok(await step('analyst', M.submit, article)).submitArticle;
    expect(codeOf(await step('coordinator', M.publish, article))).toBe('BAD_USER_INPUT');
    article = ok(await step('analyst', M.edit, article, { expiresAt: null })).editArticle;
    article = ok(await step('analyst', M.submit, article)).submitArticle;
    article = ok(await step('coordinator', M.publish, article)).publishArticle;
    expect(article).toMatchObject({ revision: 4, live: true, expiresAt: null });
    expect(await suggested(PARAPHRASE)).toContain(article.id);

    article = ok(await step('coordinator', M.retire, article, { reason: '收费政策调整' })).retireArticle;
    expect(article).toMatchObject({ status: 'RETIRED', live: false });
    expect(await suggested(PARAPHRASE)).not.toContain(article.id);
    expect(codeOf(await step('coordinator', M.retire, article, { reason: '再次停用' }))).toBe('INVALID_TRANSITION');
    expect(codeOf(await step('analyst', M.edit, article, { answer: '不能再改' }))).toBe('INVALID_TRANSITION');
  });
});
