import { graphql } from '../../gql/index.js';

/**
 * A row of a linkage table (the problem's, the branch's, the coordinator's queues), with what its
 * buttons (ActionOperations) and its trail (ActionUpdates) read. One fragment, no nested ones: the
 * server's cost limit counts an object field once per place it is selected, and the branch's list
 * (100 rows) is at the limit already.
 */
export const LINKAGE_ACTION_FRAGMENT = graphql(`
  fragment LinkageTable_Action on LinkageAction {
    id
    title
    description
    dueAt
    status
    statusReason
    overdue
    version
    branch {
      id
      name
    }
    department {
      id
      name
    }
    updates {
      author {
        displayName
      }
      note
      status
      at
    }
    extension {
      requestedDueAt
      reason
      decision
      decidedBy {
        displayName
      }
    }
  }
`);
