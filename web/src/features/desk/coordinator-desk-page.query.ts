import { graphql } from '../../gql/index.js';

/** How much waits in each of the coordinator's queues. */
export const DESK_COUNTS_QUERY = graphql(`
  query CoordinatorDeskPage_Counts {
    diagnosed: problems(filter: { status: [DIAGNOSED] }, first: 0) {
      totalCount
    }
    consulting: problems(filter: { status: [IN_CONSULTATION] }, first: 0) {
      totalCount
    }
    verifying: problems(filter: { status: [VERIFYING] }, first: 0) {
      totalCount
    }
    submitted: actions(filter: { status: [SUBMITTED] }, first: 0) {
      totalCount
    }
    declined: actions(filter: { status: [DECLINED] }, first: 0) {
      totalCount
    }
    overdue: actions(filter: { overdue: true }, first: 0) {
      totalCount
    }
    extensions: actions(filter: { extensionPending: true }, first: 0) {
      totalCount
    }
  }
`);
