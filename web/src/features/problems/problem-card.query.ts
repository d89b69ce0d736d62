import { graphql } from '../../gql/index.js';

/** A problem on the board. */
export const PROBLEM_CARD_FRAGMENT = graphql(`
  fragment ProblemCard_Problem on Problem {
    id
    code
    title
    severity
    feedbackCount
    updatedAt
    category {
      name
    }
    actions {
      status
      overdue
    }
  }
`);
