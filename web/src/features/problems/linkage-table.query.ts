import { graphql } from '../../gql/index.js';

/** A row of a linkage table (the problem's, the branch's, the coordinator's queues). */
export const LINKAGE_ACTION_FRAGMENT = graphql(`
  fragment LinkageTable_Action on LinkageAction {
    id
    title
    dueAt
    status
    overdue
    branch {
      id
      name
    }
    department {
      id
      name
    }
    ...ActionOperations_Action
    ...ActionUpdates_Action
  }
`);
