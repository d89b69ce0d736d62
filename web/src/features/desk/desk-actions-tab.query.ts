import { graphql } from '../../gql/index.js';

export const DESK_ACTIONS_QUERY = graphql(`
  query DeskActionsTab_Actions($filter: ActionFilter) {
    actions(filter: $filter, first: 60) {
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
