import { graphql } from '../../gql/index.js';

export const RECORD_FEEDBACK_MUTATION = graphql(`
  mutation RecordFeedbackForm_Record($input: RecordFeedbackInput!) {
    recordFeedback(input: $input) {
      id
      kind
      channel
      text
      complaint
      customerRef
      receivedAt
      category {
        id
        name
      }
      branch {
        id
        name
      }
      recordedBy {
        id
        displayName
      }
      problem {
        id
        code
        status
      }
    }
  }
`);
