import { graphql } from '../../gql/index.js';

/**
 * A customer voice as every list of them shows it (the inbox, the agent's today list, a problem's
 * feedback) and as recording one returns it: a query spreads it and adds only what its list alone
 * shows. Each object field is selected here and nowhere beside it, as the server's cost limit
 * counts an object field once per place it is selected.
 */
export const FEEDBACK_ROW_FRAGMENT = graphql(`
  fragment FeedbackRow_Feedback on Feedback {
    id
    kind
    channel
    text
    complaint
    customerRef
    receivedAt
    version
    voidedAt
    viewerMayCorrect
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
  }
`);
