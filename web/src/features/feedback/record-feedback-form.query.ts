export const RECORD_FEEDBACK_MUTATION = /* GraphQL */ `
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
`;
