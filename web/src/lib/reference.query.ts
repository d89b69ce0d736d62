/** Reference data every picker shares: the branch tree, categories with products, departments. */
export const REFERENCE_QUERY = /* GraphQL */ `
  query Reference_Data {
    branches {
      id
      code
      name
      level
      parent {
        id
      }
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
`;
