import { graphql } from '../../gql/index.js';

export const VIEWS_QUERY = graphql(`
  query ListViewBar_Views($list: ViewList!) {
    views(list: $list) {
      id
      name
      filter
      version
      mine
      sharedRole
      sharedBranch {
        id
        name
      }
      owner {
        id
        displayName
      }
    }
  }
`);

export const CREATE_VIEW_MUTATION = graphql(`
  mutation ListViewBar_Create($input: CreateViewInput!) {
    createView(input: $input) {
      id
      version
    }
  }
`);

export const UPDATE_VIEW_MUTATION = graphql(`
  mutation ListViewBar_Update($input: UpdateViewInput!) {
    updateView(input: $input) {
      id
      version
    }
  }
`);

export const DELETE_VIEW_MUTATION = graphql(`
  mutation ListViewBar_Delete($input: DeleteViewInput!) {
    deleteView(input: $input) {
      id
    }
  }
`);
