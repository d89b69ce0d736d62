import { graphql } from '../../gql/index.js';

export const LOGIN_MUTATION = graphql(`
  mutation LoginPage_Login($input: LoginInput!) {
    login(input: $input) {
      token
      user {
        ...Session_Viewer
      }
    }
  }
`);
