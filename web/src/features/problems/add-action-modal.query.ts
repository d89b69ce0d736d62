export const ADD_ACTION_MUTATION = /* GraphQL */ `
  mutation AddActionModal_Add($input: AddActionInput!) {
    addAction(input: $input) {
      id
      status
      version
    }
  }
`;
