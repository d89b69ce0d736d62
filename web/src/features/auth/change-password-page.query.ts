import { graphql } from '../../gql/index.js';

export const CHANGE_PASSWORD_MUTATION = graphql(`
  mutation ChangePasswordPage_Change($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      token
      user {
        ...Session_Viewer
      }
    }
  }
`);
