import { graphql } from '../../gql/index.js';

export const ARTICLE_SUGGESTIONS_QUERY = graphql(`
  query ArticleSuggestions_Suggest($text: String!) {
    articleSuggestions(text: $text) {
      score
      article {
        id
        title
        answer
        change
        changedSince
        answeredCount
      }
    }
  }
`);

export const MARK_ANSWERED = graphql(`
  mutation ArticleSuggestions_MarkAnswered($input: MarkAnsweredWithArticleInput!) {
    markAnsweredWithArticle(input: $input) {
      id
      answeredCount
    }
  }
`);
