import { graphql } from '../../gql/index.js';

export const EXPERTS_QUERY = graphql(`
  query ExpertPicker_Experts {
    users(role: EXPERT) {
      id
      displayName
      username
      department {
        id
        name
      }
    }
  }
`);
