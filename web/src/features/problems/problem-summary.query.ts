import { graphql } from '../../gql/index.js';

export const DISMISS_MUTATION = graphql(`
  mutation ProblemSummary_Dismiss($input: DismissProblemInput!) {
    dismissProblem(input: $input) {
      id
      status
      version
      dismissReason
    }
  }
`);

export const RESOLVE_MUTATION = graphql(`
  mutation ProblemSummary_Resolve($input: ResolveProblemInput!) {
    resolveProblem(input: $input) {
      id
      status
      version
    }
  }
`);

export const REOPEN_MUTATION = graphql(`
  mutation ProblemSummary_Reopen($input: ReopenProblemInput!) {
    reopenProblem(input: $input) {
      id
      status
      version
    }
  }
`);
