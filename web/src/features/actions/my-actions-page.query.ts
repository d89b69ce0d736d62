export const MY_ACTIONS_QUERY = /* GraphQL */ `
  query MyActionsPage_Actions($filter: ActionFilter) {
    actions(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          title
          description
          dueAt
          status
          overdue
          version
          branch {
            id
            name
          }
          department {
            id
            name
          }
          problem {
            id
            code
            title
            status
          }
          updates {
            author {
              displayName
            }
            note
            status
            at
          }
          extension {
            requestedDueAt
            reason
            decision
            decidedBy {
              displayName
            }
          }
        }
      }
    }
  }
`;
