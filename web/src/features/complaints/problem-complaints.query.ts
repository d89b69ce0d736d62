import { graphql } from '../../gql/index.js';

/** The complaint cases a problem traces, with their deadlines (the problem page's section). */
export const PROBLEM_COMPLAINTS_QUERY = graphql(`
  query ProblemComplaints_Cases($id: ID!) {
    problem(id: $id) {
      id
      complaints {
        ...ComplaintRow_Case
      }
    }
  }
`);
