import { graphql } from '../../gql/index.js';

export const PROBLEM_RECURRENCE_QUERY = graphql(`
  query ProblemRecurrence_Problem($id: ID!) {
    problem(id: $id) {
      id
      recurrence {
        windowDays
        before
        after
        changePercent
        byBranch {
          branch {
            id
            name
          }
          before
          after
        }
      }
    }
  }
`);
