import { graphql } from '../../gql/index.js';

export const RECORD_FEEDBACK_MUTATION = graphql(`
  mutation RecordFeedbackForm_Record($input: RecordFeedbackInput!) {
    recordFeedback(input: $input) {
      ...FeedbackRow_Feedback
      problem {
        id
        code
        status
      }
    }
  }
`);
