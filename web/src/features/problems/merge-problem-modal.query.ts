export const MERGE_MUTATION = /* GraphQL */ `
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
`;
