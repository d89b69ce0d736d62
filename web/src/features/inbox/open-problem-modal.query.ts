export const OPEN_PROBLEM_MUTATION = /* GraphQL */ `
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
`;
