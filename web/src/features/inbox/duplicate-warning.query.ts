import { graphql } from '../../gql/index.js';

export const DUPLICATE_WARNING_QUERY = graphql(`
  query DuplicateWarning_Problems($feedbackId: ID!) {
    similarOpenProblems(feedbackId: $feedbackId, first: 3) {
      problemId
      problem {
        id
        code
        title
        status
      }
    }
  }
`);
