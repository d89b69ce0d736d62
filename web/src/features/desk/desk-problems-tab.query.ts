import { graphql } from '../../gql/index.js';

export const DESK_PROBLEMS_QUERY = graphql(`
  query DeskProblemsTab_Problems($status: [ProblemStatus!]) {
    problems(filter: { status: $status }, first: 50) {
      totalCount
      edges {
        node {
          id
          code
          title
          severity
          updatedAt
          diagnosis {
            proposedDepartments {
              id
              name
            }
          }
          consultation {
            dueAt
            openedAt
            experts {
              id
            }
            opinions {
              expert {
                id
              }
            }
          }
        }
      }
    }
  }
`);
