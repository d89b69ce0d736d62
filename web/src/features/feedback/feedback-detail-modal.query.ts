import { graphql } from '../../gql/index.js';

export const FEEDBACK_DETAIL_QUERY = graphql(`
  query FeedbackDetailModal_Item($id: ID!) {
    node(id: $id) {
      ... on Feedback {
        ...FeedbackRow_Feedback
        voidReason
        agentCorrectableUntil
        voidedBy {
          id
          displayName
        }
        corrections {
          at
          voided
          reason
          actor {
            id
            displayName
          }
          changes {
            field
            from
            to
          }
        }
      }
    }
  }
`);

export const CORRECT_FEEDBACK_MUTATION = graphql(`
  mutation FeedbackDetailModal_Correct($input: CorrectFeedbackInput!) {
    correctFeedback(input: $input) {
      ...FeedbackRow_Feedback
    }
  }
`);

export const VOID_FEEDBACK_MUTATION = graphql(`
  mutation FeedbackDetailModal_Void($input: VoidFeedbackInput!) {
    voidFeedback(input: $input) {
      ...FeedbackRow_Feedback
    }
  }
`);
