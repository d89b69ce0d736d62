import { graphql } from '../../gql/index.js';

/** The bank's people: a handler is chosen from them, and so is the staff member complained about. */
export const PEOPLE_QUERY = graphql(`
  query PersonPicker_Users {
    users {
      id
      displayName
      username
      role
      branch {
        id
        name
      }
      department {
        id
        name
      }
    }
  }
`);
