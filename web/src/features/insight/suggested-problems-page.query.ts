import { graphql } from '../../gql/index.js';

export const SUGGESTED_PROBLEMS_QUERY = graphql(`
  query SuggestedProblemsPage_Clusters($from: DateTime, $minSize: Int, $categoryId: ID) {
    suggestedProblems(from: $from, minSize: $minSize, categoryId: $categoryId) {
      ...SuggestionCard_Cluster
    }
  }
`);
