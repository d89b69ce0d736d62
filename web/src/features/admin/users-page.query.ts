import { graphql } from '../../gql/index.js';

export const USERS_QUERY = graphql(`
  query UsersPage_Users {
    users {
      ...UserFormModal_User
    }
  }
`);
export const DEACTIVATE = graphql(`
  mutation UsersPage_Deactivate($input: UserIdInput!) {
    deactivateUser(input: $input) {
      ...UserFormModal_User
    }
  }
`);
export const REACTIVATE = graphql(`
  mutation UsersPage_Reactivate($input: UserIdInput!) {
    reactivateUser(input: $input) {
      ...UserFormModal_User
    }
  }
`);
export const RESET_PASSWORD = graphql(`
  mutation UsersPage_Reset($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      ...UserFormModal_User
    }
  }
`);
