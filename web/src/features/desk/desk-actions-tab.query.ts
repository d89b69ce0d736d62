export const DESK_ACTIONS_QUERY = /* GraphQL */ `
  query DeskActionsTab_Actions($filter: ActionFilter) {
    actions(filter: $filter, first: 60) {
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
          problem {
            id
            code
            title
          }
        }
      }
    }
  }
`;
