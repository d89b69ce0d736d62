import { graphql } from '../../gql/index.js';

export const MERGE_MUTATION = graphql(`
  mutation MergeProblemModal_Merge($input: MergeProblemInput!) {
    mergeProblem(input: $input) {
      id
      status
      version
      mergedInto {
        id
        code
      }
    }
  }
`);
