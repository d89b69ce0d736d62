/** The fields the app keeps of the signed-in user. */
export const VIEWER_FIELDS = /* GraphQL */ `
  id
  username
  displayName
  role
  mustChangePassword
  branch { id code name }
  department { id code name }
`;

/** Whether the sign-in still holds (asked when the live feed is refused). */
export const SESSION_ME_QUERY = /* GraphQL */ `
  query Session_Me {
    me {
      id
    }
  }
`;
