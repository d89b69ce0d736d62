import { graphql } from '../gql/index.js';

/** Reference data every picker shares: the branch tree, categories with products, departments. */
export const REFERENCE_QUERY = graphql(`
  query Reference_Data {
    branches {
      ...Reference_Branch
    }
    categories {
      id
      code
      name
      products {
        id
        code
        name
      }
    }
    departments {
      id
      code
      name
    }
  }
`);

/** A branch of the organisation tree, flat (parents before children). */
export const REFERENCE_BRANCH_FRAGMENT = graphql(`
  fragment Reference_Branch on Branch {
    id
    code
    name
    level
    parent {
      id
    }
  }
`);
