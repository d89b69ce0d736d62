import { graphql } from '../../gql/index.js';

/** One action's trail: its description, the extension asked, each step with its note. */
export const ACTION_UPDATES_FRAGMENT = graphql(`
  fragment ActionUpdates_Action on LinkageAction {
    description
    extension {
      requestedDueAt
      reason
      decision
      decidedBy {
        displayName
      }
    }
    updates {
      author {
        displayName
      }
      note
      status
      at
    }
  }
`);
