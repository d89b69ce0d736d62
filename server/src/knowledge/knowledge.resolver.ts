import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { CategoryType, ProductType } from '../org/index.js';
import { ArticleStatus } from './knowledge.enums.js';
import {
  ArticleRevisionType,
  ArticleStepInput,
  ArticleSuggestionType,
  EditArticleInput,
  KnowledgeArticleType,
  MarkAnsweredWithArticleInput,
  RetireArticleInput,
} from './knowledge.type.js';
import type { ArticleStatusCode } from './knowledge.rules.js';
import type { ArticleView } from './knowledge.service.js';

@Resolver(() => KnowledgeArticleType)
export class KnowledgeResolver {
  @Query(() => [KnowledgeArticleType], {
    description:
      'The knowledge base, most recently changed first: every article for analysts and coordinators, the live ones for everyone else. ' +
      'search: the words in its title, question, answer or change, or a question similar to them.',
  })
  knowledgeArticles(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('status', () => ArticleStatus, { nullable: true }) status: ArticleStatusCode | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.knowledge.articles(requireViewer(ctx), { search, status });
  }

  @Query(() => KnowledgeArticleType, { description: 'One article (NOT_FOUND when the viewer may not read it).' })
  knowledgeArticle(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.article(requireViewer(ctx), id);
  }

  @Query(() => [ArticleSuggestionType], {
    description: "Beside the feedback form: the live articles whose question is similar to the customer's words, best first (at most 5).",
  })
  articleSuggestions(
    @Arg('text', () => String) text: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.knowledge.suggestions(requireViewer(ctx), text, first);
  }

  @Mutation(() => KnowledgeArticleType, {
    description:
      'ANALYST or COORDINATOR edits the working copy; in review or published, it becomes a DRAFT (the published text stays live).',
  })
  editArticle(@Arg('input', () => EditArticleInput) input: EditArticleInput, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.editArticle(requireViewer(ctx), input);
  }

  @Mutation(() => KnowledgeArticleType, { description: 'ANALYST or COORDINATOR: DRAFT → IN_REVIEW.' })
  submitArticle(@Arg('input', () => ArticleStepInput) input: ArticleStepInput, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.submitArticle(requireViewer(ctx), input);
  }

  @Mutation(() => KnowledgeArticleType, {
    description: 'ANALYST or COORDINATOR other than the submitter (FORBIDDEN): IN_REVIEW → PUBLISHED as the next revision, live at once.',
  })
  publishArticle(@Arg('input', () => ArticleStepInput) input: ArticleStepInput, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.publishArticle(requireViewer(ctx), input);
  }

  @Mutation(() => KnowledgeArticleType, {
    description: 'ANALYST or COORDINATOR retires an article, with the reason: agents no longer see it.',
  })
  retireArticle(@Arg('input', () => RetireArticleInput) input: RetireArticleInput, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.retireArticle(requireViewer(ctx), input);
  }

  @Mutation(() => KnowledgeArticleType, { description: 'AGENT: this contact was answered with this live article (counted).' })
  markAnsweredWithArticle(@Arg('input', () => MarkAnsweredWithArticleInput) input: MarkAnsweredWithArticleInput, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.markAnswered(requireViewer(ctx), input);
  }

  @FieldResolver(() => CategoryType, { nullable: true })
  category(@Root() a: ArticleView, @Ctx() ctx: Context) {
    return a.categoryId ? ctx.loaders.category.load(a.categoryId) : null;
  }

  @FieldResolver(() => [ProductType], { description: 'The products its feedback named.' })
  async products(@Root() a: ArticleView, @Ctx() ctx: Context) {
    const found = await ctx.loaders.product.loadMany(JSON.parse(a.productIds) as string[]);
    return found.filter((p) => p && !(p instanceof Error));
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The resolved problem it was drafted from.' })
  problemId(@Root() a: ArticleView) {
    return a.problemId;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The number of its latest published revision; null before the first.' })
  revision(@Root() a: ArticleView) {
    return a.published?.revision ?? null;
  }

  @FieldResolver(() => [ArticleRevisionType], { description: 'Its published revisions, newest first.' })
  revisions(@Root() a: ArticleView, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.revisions(a);
  }

  @FieldResolver(() => Int, { description: 'Contacts agents answered with it.' })
  answeredCount(@Root() a: ArticleView, @Ctx() ctx: Context) {
    return ctx.hub.knowledge.answeredCount(a);
  }
}
