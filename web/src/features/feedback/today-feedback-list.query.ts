import { graphql } from '../../gql/index.js';

export const TODAY_FEEDBACK_QUERY = graphql(`
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
`);
