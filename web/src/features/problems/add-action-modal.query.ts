import { graphql } from '../../gql/index.js';

export const ADD_ACTION_MUTATION = graphql(`
  mutation AddActionModal_Add($input: AddActionInput!) {
    addAction(input: $input) {
      id
      status
      version
    }
  }
`);
