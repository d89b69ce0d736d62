import { graphql } from '../../gql/index.js';

export const DIGEST_QUERY = graphql(`
  query DigestPage_Digest {
    myDigest {
      day
      dueBy
      counts {
        dueActions
        dueProblems
        overdueActions
        overdueProblems
        waiting
      }
      dueActions {
        id
        title
        dueAt
        problem {
          id
          code
        }
      }
      overdueActions {
        id
        title
        dueAt
        problem {
          id
          code
        }
      }
      dueProblems {
        id
        code
        title
      }
      overdueProblems {
        id
        code
        title
      }
      waiting {
        reason
        problem {
          id
          code
          title
        }
        action {
          id
          title
          problem {
            id
            code
          }
        }
      }
    }
  }
`);
