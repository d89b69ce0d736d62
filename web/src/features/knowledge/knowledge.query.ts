import { graphql } from '../../gql/index.js';

/** An article as the list and the editor show it. */
export const ARTICLE_FRAGMENT = graphql(`
  fragment KnowledgePage_Article on KnowledgeArticle {
    id
    status
    version
    title
    question
    answer
    change
    changedSince
    expiresAt
    live
    revision
    answeredCount
    retiredReason
    updatedAt
    category {
      id
      name
    }
  }
`);

export const KNOWLEDGE_ARTICLES_QUERY = graphql(`
  query KnowledgePage_Articles($search: String, $status: ArticleStatus) {
    knowledgeArticles(search: $search, status: $status) {
      ...KnowledgePage_Article
    }
  }
`);

export const EDIT_ARTICLE = graphql(`
  mutation KnowledgePage_Edit($input: EditArticleInput!) {
    editArticle(input: $input) {
      ...KnowledgePage_Article
    }
  }
`);

export const SUBMIT_ARTICLE = graphql(`
  mutation KnowledgePage_Submit($input: ArticleStepInput!) {
    submitArticle(input: $input) {
      ...KnowledgePage_Article
    }
  }
`);

export const PUBLISH_ARTICLE = graphql(`
  mutation KnowledgePage_Publish($input: ArticleStepInput!) {
    publishArticle(input: $input) {
      ...KnowledgePage_Article
    }
  }
`);

export const RETIRE_ARTICLE = graphql(`
  mutation KnowledgePage_Retire($input: RetireArticleInput!) {
    retireArticle(input: $input) {
      ...KnowledgePage_Article
    }
  }
`);
