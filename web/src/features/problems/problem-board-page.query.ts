import { graphql } from '../../gql/index.js';

/** The board: one column per working state of the loop (LOOP_STATUSES), each its first 20 cards. */
export const BOARD_QUERY = graphql(`
  query ProblemBoardPage_Board($search: String, $categoryId: ID, $severity: [Severity!]) {
    OPEN: problems(filter: { status: [OPEN], search: $search, categoryId: $categoryId, severity: $severity }, first: 20) {
      ...ProblemBoardPage_Column
    }
    DIAGNOSED: problems(filter: { status: [DIAGNOSED], search: $search, categoryId: $categoryId, severity: $severity }, first: 20) {
      ...ProblemBoardPage_Column
    }
    IN_CONSULTATION: problems(
      filter: { status: [IN_CONSULTATION], search: $search, categoryId: $categoryId, severity: $severity }
      first: 20
    ) {
      ...ProblemBoardPage_Column
    }
    REMEDIATING: problems(filter: { status: [REMEDIATING], search: $search, categoryId: $categoryId, severity: $severity }, first: 20) {
      ...ProblemBoardPage_Column
    }
    VERIFYING: problems(filter: { status: [VERIFYING], search: $search, categoryId: $categoryId, severity: $severity }, first: 20) {
      ...ProblemBoardPage_Column
    }
    RESOLVED: problems(filter: { status: [RESOLVED], search: $search, categoryId: $categoryId, severity: $severity }, first: 20) {
      ...ProblemBoardPage_Column
    }
  }
`);

export const BOARD_COLUMN_FRAGMENT = graphql(`
  fragment ProblemBoardPage_Column on ProblemConnection {
    totalCount
    edges {
      node {
        ...ProblemCard_Problem
      }
    }
  }
`);

export const CLOSED_QUERY = graphql(`
  query ProblemBoardPage_Closed($search: String, $categoryId: ID, $severity: [Severity!]) {
    problems(filter: { status: [MERGED, DISMISSED], search: $search, categoryId: $categoryId, severity: $severity }, first: 50) {
      totalCount
      edges {
        node {
          id
          code
          title
          status
          updatedAt
          dismissReason
          mergedInto {
            id
            code
          }
        }
      }
    }
  }
`);
