import { graphql } from '../../gql/index.js';

export const SIMILAR_FEEDBACK_QUERY = graphql(`
  query SimilarFeedback_List($feedbackId: ID!) {
    similarFeedback(feedbackId: $feedbackId, first: 5) {
      ...FeedbackSnippet_Feedback
      problem {
        id
        code
        title
        status
      }
    }
  }
`);
