import { graphql } from '../../gql/index.js';

/** Actions across problems, each with the problem it belongs to: the branch's list and the coordinator's queues. */
export const ACTION_LIST_QUERY = graphql(`
  query ActionList_Actions($filter: ActionFilter, $first: Int!) {
    actions(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          ...LinkageTable_Action
          problem {
            id
            code
            title
          }
        }
      }
    }
  }
`);
