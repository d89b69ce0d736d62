export const TODAY_FEEDBACK_QUERY = /* GraphQL */ `
  query TodayFeedbackList_Today($from: DateTime) {
    feedback(filter: { from: $from }, first: 100) {
      totalCount
      edges {
        node {
          id
          kind
          channel
          text
          complaint
          receivedAt
          category {
            name
          }
          branch {
            name
          }
          recordedBy {
            id
          }
          problem {
            id
            code
          }
        }
      }
    }
  }
`;
