import { graphql } from '../../gql/index.js';

export const SIMILAR_OPEN_PROBLEMS_QUERY = graphql(`
  query SimilarOpenProblems_Problems($problemId: ID!) {
    similarOpenProblems(problemId: $problemId) {
      problemId
      score
      problem {
        id
        code
        title
        status
      }
    }
  }
`);
