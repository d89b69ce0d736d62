import { graphql } from '../../gql/index.js';

export const TODAY_FEEDBACK_QUERY = graphql(`
  query TodayFeedbackList_Today($from: DateTime) {
    feedback(filter: { from: $from, includeVoided: true }, first: 100) {
      totalCount
      edges {
        node {
          ...FeedbackRow_Feedback
          problem {
            id
            code
          }
        }
      }
    }
  }
`);
