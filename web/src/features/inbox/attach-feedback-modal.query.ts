export const ATTACH_FEEDBACK_MUTATION = /* GraphQL */ `
  mutation AttachFeedbackModal_Attach($input: AttachFeedbackInput!) {
    attachFeedback(input: $input) {
      id
      code
      version
      feedbackCount
    }
  }
`;
