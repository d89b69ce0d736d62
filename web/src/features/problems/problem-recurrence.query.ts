export const PROBLEM_RECURRENCE_QUERY = /* GraphQL */ `
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
`;
