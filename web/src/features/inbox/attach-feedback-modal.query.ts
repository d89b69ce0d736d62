import { graphql } from '../../gql/index.js';

export const ATTACH_FEEDBACK_MUTATION = graphql(`
  mutation AttachFeedbackModal_Attach($input: AttachFeedbackInput!) {
    attachFeedback(input: $input) {
      id
      code
      version
      feedbackCount
    }
  }
`);
