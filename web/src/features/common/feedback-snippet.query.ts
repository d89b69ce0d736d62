import { graphql } from '../../gql/index.js';

/** A customer voice in a short list of examples (FeedbackSnippet). */
export const FEEDBACK_SNIPPET_FRAGMENT = graphql(`
  fragment FeedbackSnippet_Feedback on Feedback {
    id
    kind
    text
    complaint
    receivedAt
    branch {
      name
    }
  }
`);
