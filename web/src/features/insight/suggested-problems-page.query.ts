export const SUGGESTED_PROBLEMS_QUERY = /* GraphQL */ `
  query SuggestedProblemsPage_Clusters($from: DateTime, $minSize: Int, $categoryId: ID) {
    suggestedProblems(from: $from, minSize: $minSize, categoryId: $categoryId) {
      key
      label
      size
      customers
      firstAt
      lastAt
      feedbackIds
      category {
        id
        name
      }
      branches {
        id
        name
      }
      sample(first: 3) {
        id
        kind
        text
        complaint
        receivedAt
        branch {
          name
        }
      }
    }
  }
`;

export const OPEN_FROM_SUGGESTION_MUTATION = /* GraphQL */ `
  mutation SuggestedProblemsPage_Open($input: OpenProblemInput!) {
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
