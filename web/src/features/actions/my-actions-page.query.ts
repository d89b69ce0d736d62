import { graphql } from '../../gql/index.js';

export const MY_ACTIONS_QUERY = graphql(`
  query MyActionsPage_Actions($filter: ActionFilter) {
    actions(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          ...LinkageTable_Action
          problem {
            id
            code
            title
            status
          }
        }
      }
    }
  }
`);
