import { LOOP_STATUSES } from '../../lib/types.js';

const CARD = 'id code title severity feedbackCount updatedAt category { name } actions { status overdue }';

const column = (alias: string, status: string) =>
  `${alias}: problems(filter: { status: [${status}], search: $search, categoryId: $categoryId, severity: $severity }, first: 20) { totalCount edges { node { ${CARD} } } }`;

export const BOARD_QUERY = `query ProblemBoardPage_Board($search: String, $categoryId: ID, $severity: [Severity!]) {
  ${LOOP_STATUSES.map((s) => column(s, s)).join('\n  ')}
}`;

export const CLOSED_QUERY = /* GraphQL */ `
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
`;
