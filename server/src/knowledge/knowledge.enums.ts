import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { ARTICLE_STATUSES } from './knowledge.table.js';

export const ArticleStatus = enumOf(ARTICLE_STATUSES);
registerEnumType(ArticleStatus, {
  name: 'ArticleStatus',
  description:
    'A knowledge-base article: DRAFT (being written; a resolved problem yields one), IN_REVIEW (submitted), PUBLISHED (its latest text is a revision agents see until it expires), RETIRED.',
});
