import { graphql } from '../../gql/index.js';

export const INBOX_QUERY = graphql(`
  query InboxPage_Feedback($filter: FeedbackFilter, $after: String) {
    feedback(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...FeedbackRow_Feedback
          problem {
            id
            code
            title
            status
          }
        }
      }
    }
  }
`);
