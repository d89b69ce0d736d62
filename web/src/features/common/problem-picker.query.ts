import { graphql } from '../../gql/index.js';

export const PROBLEM_PICKER_QUERY = graphql(`
  query ProblemPicker_Search($filter: ProblemFilter) {
    problems(filter: $filter, first: 20) {
      edges {
        node {
          id
          code
          title
          status
          version
        }
      }
    }
  }
`);
