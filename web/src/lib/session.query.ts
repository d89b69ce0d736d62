import { graphql } from '../gql/index.js';

/** The fields the app keeps of the signed-in user. */
export const VIEWER_FRAGMENT = graphql(`
  fragment Session_Viewer on User {
    id
    username
    displayName
    role
    mustChangePassword
    branch {
      id
      code
      name
      level
    }
    department {
      id
      code
      name
    }
  }
`);

/** Whether the sign-in still holds (asked when the live feed is refused). */
export const SESSION_ME_QUERY = graphql(`
  query Session_Me {
    me {
      id
    }
  }
`);
