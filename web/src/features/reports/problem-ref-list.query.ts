import { graphql } from '../../gql/index.js';

/** A problem as a link with its status. */
export const PROBLEM_REF_FRAGMENT = graphql(`
  fragment ProblemRefList_Problem on Problem {
    id
    code
    title
    status
  }
`);
