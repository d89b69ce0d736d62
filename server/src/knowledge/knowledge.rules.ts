import type { ARTICLE_STATUSES } from './knowledge.table.js';

export type ArticleStatusCode = (typeof ARTICLE_STATUSES)[number];
export type ArticleOperation = 'edit' | 'submit' | 'publish' | 'retire';

/** Longest texts an article keeps. */
export const TITLE_MAX = 200;
export const TEXT_MAX = 4_000;
/** Suggestions beside the feedback form: enough to choose from, few enough to read while typing. */
export const SUGGESTIONS_MAX = 5;

/**
 * The article's review flow: an analyst edits a draft and submits it; another reviewer publishes it;
 * editing what is in review or published makes a new draft (the published revision stays live
 * until the next one is published); a retired article is done with.
 */
const FLOW: Record<ArticleOperation, { from: readonly ArticleStatusCode[]; to: ArticleStatusCode }> = {
  edit: { from: ['DRAFT', 'IN_REVIEW', 'PUBLISHED'], to: 'DRAFT' },
  submit: { from: ['DRAFT'], to: 'IN_REVIEW' },
  publish: { from: ['IN_REVIEW'], to: 'PUBLISHED' },
  retire: { from: ['DRAFT', 'IN_REVIEW', 'PUBLISHED'], to: 'RETIRED' },
};

/** The status after the operation, or null when the operation is not allowed from `from`. */
export function nextArticleStatus(from: ArticleStatusCode, operation: ArticleOperation): ArticleStatusCode | null {
  const step = FLOW[operation];
  return step.from.includes(from) ? step.to : null;
}

/** Who may edit, submit, publish and retire articles. */
export const canCurate = (role: string): boolean => role === 'ANALYST' || role === 'COORDINATOR';

/**
 * Whether agents see an article: it has a published revision, is not retired, and that revision
 * has not expired (an expiry is the day the answer stops being true: a fee waiver ends, a rule
 * changes again).
 */
export function isLive(status: ArticleStatusCode, revision: { expiresAt: Date | null } | undefined, now: Date): boolean {
  if (!revision || status === 'RETIRED') return false;
  return revision.expiresAt === null || revision.expiresAt.getTime() > now.getTime();
}

/** What a resolved problem's conclusion and its feedback give a draft article. */
export interface ConclusionFacts {
  title: string;
  /** The problem's feedback texts, oldest first (the customers' own words). */
  feedbackTexts: readonly string[];
  rootCauseDetail: string | null;
  remediationPlan: string | null;
  resolutionNote: string | null;
}

export interface DraftText {
  title: string;
  question: string;
  answer: string;
  change: string;
}

const cut = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s);

/**
 * The draft of a resolved problem: its first customer's words as the question (an analyst then
 * picks the clearest); the conclusion's plan as what the agent can now say; the root cause and the
 * resolution as what changed. A starting point for the analyst, never published unreviewed.
 */
export function draftFromConclusion(f: ConclusionFacts): DraftText {
  const question = f.feedbackTexts.find((t) => t.trim())?.trim() ?? f.title;
  const plan = f.remediationPlan?.trim() ?? '';
  const change = [
    f.rootCauseDetail?.trim() ? `原因：${f.rootCauseDetail.trim()}` : '',
    plan ? `整改：${plan}` : '',
    f.resolutionNote?.trim() ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    title: cut(f.title, TITLE_MAX),
    question: cut(question, TEXT_MAX),
    answer: cut(plan ? `您反映的问题我行已处理：${plan}` : '您反映的问题我行已处理。', TEXT_MAX),
    change: cut(change || f.title, TEXT_MAX),
  };
}
