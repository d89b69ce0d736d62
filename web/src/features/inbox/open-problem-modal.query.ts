import { graphql } from '../../gql/index.js';

export const OPEN_PROBLEM_MUTATION = graphql(`
  mutation OpenProblemModal_Open($input: OpenProblemInput!) {
    openProblem(input: $input) {
      id
      code
      title
      status
      version
      feedbackCount
    }
  }
`);
