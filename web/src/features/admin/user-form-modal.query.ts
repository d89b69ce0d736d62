import { graphql } from '../../gql/index.js';

/** A user as the administration lists and edits it. */
export const ADMIN_USER_FRAGMENT = graphql(`
  fragment UserFormModal_User on User {
    id
    username
    displayName
    role
    active
    mustChangePassword
    branch {
      id
      name
    }
    department {
      id
      name
    }
  }
`);

export const CREATE_USER = graphql(`
  mutation UserFormModal_Create($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserFormModal_User
    }
  }
`);
export const UPDATE_USER = graphql(`
  mutation UserFormModal_Update($input: UpdateUserInput!) {
    updateUser(input: $input) {
      ...UserFormModal_User
    }
  }
`);
