import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Masked } from '../core/masked.js';
import { ArticleStatus } from './knowledge.enums.js';

@ObjectType('ArticleRevision', { description: 'One published text of a knowledge-base article, numbered from 1.' })
export class ArticleRevisionType {
  @Field(() => Int) revision!: number;
  @Field(() => String) title!: string;
  @Masked()
  @Field(() => String, { description: "The customer's question in the customers' words, personal data masked as in feedback." })
  question!: string;
  @Field(() => String) answer!: string;
  @Field(() => String) change!: string;
  @Field(() => DateTimeResolver, { nullable: true }) changedSince!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When this text stops being shown to agents.' }) expiresAt!: Date | null;
  @Field(() => DateTimeResolver) publishedAt!: Date;
}

@ObjectType('KnowledgeArticle', {
  description:
    'A knowledge-base article (知识库) fed by a fix: what customers ask, what an agent answers, what changed and since when. ' +
    'Analysts and coordinators read the working copy; everyone else reads the published text, and only while it is live.',
})
export class KnowledgeArticleType {
  @Field(() => ID) id!: string;
  @Field(() => ArticleStatus) status!: string;
  @Field(() => String) title!: string;
  @Masked()
  @Field(() => String, { description: "The customer's question in the customers' own words (drafted from the problem's feedback)." })
  question!: string;
  @Field(() => String, { description: 'What an agent should answer.' }) answer!: string;
  @Field(() => String, { description: 'What the bank changed.' }) change!: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Since when the change holds.' }) changedSince!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the answer stops being true; agents no longer see it then.' })
  expiresAt!: Date | null;
  @Field(() => Boolean, { description: 'Published, not retired, not expired: shown to agents.' }) live!: boolean;
  @Field(() => String, { nullable: true }) retiredReason!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
  @Field(() => Int, { description: 'Grows on every change; the mutations take it back as expectedVersion.' }) version!: number;
}

@ObjectType('ArticleSuggestion', { description: 'A live article whose question is similar to what the customer says.' })
export class ArticleSuggestionType {
  @Field(() => KnowledgeArticleType) article!: unknown;
  @Field(() => Float, { description: "Insight's weighted cosine of the words with the article's question (similar from 0.25)." })
  score!: number;
}

@InputType('EditArticleInput')
export class EditArticleInput {
  @Field(() => ID) articleId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) question?: string | null;
  @Field(() => String, { nullable: true }) answer?: string | null;
  @Field(() => String, { nullable: true }) change?: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) changedSince?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Null clears it; omitted keeps it.' }) expiresAt?: Date | null;
}

@InputType('ArticleStepInput')
export class ArticleStepInput {
  @Field(() => ID) articleId!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType('RetireArticleInput')
export class RetireArticleInput {
  @Field(() => ID) articleId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) reason!: string;
}

@InputType('MarkAnsweredWithArticleInput')
export class MarkAnsweredWithArticleInput {
  @Field(() => ID) articleId!: string;
  @Field(() => ID, { nullable: true, description: 'The feedback record of the contact, once saved.' }) feedbackId?: string | null;
}
