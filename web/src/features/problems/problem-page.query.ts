import { graphql } from '../../gql/index.js';
import type { ProblemPageProblemQuery } from '../../gql/graphql.js';

export const PROBLEM_QUERY = graphql(`
  query ProblemPage_Problem($id: ID!) {
    problem(id: $id) {
      id
      code
      title
      status
      severity
      version
      createdAt
      updatedAt
      dismissReason
      feedbackCount
      category {
        id
        name
      }
      createdBy {
        id
        displayName
      }
      mergedInto {
        id
        code
        title
      }
      branches {
        id
        name
        level
      }
      feedback(first: 50) {
        totalCount
        edges {
          node {
            ...FeedbackRow_Feedback
          }
        }
      }
      diagnosis {
        author {
          id
          displayName
        }
        summary
        customerImpact
        suspectedCause
        proposedDepartments {
          id
          name
        }
        submittedAt
      }
      consultation {
        coordinator {
          id
          displayName
        }
        experts {
          id
          displayName
          department {
            id
            name
          }
        }
        opinions {
          expert {
            id
            displayName
          }
          department {
            id
            name
          }
          body
          agreesWithDiagnosis
          submittedAt
        }
        conclusion {
          rootCause
          rootCauseDetail
          remediationPlan
          outcome
          issuedBy {
            displayName
          }
          issuedAt
        }
        openedAt
        dueAt
      }
      actions {
        ...LinkageTable_Action
      }
      history {
        cursor
        type
        at
        actor {
          displayName
        }
        fromStatus
        toStatus
        note
        action {
          id
          title
        }
      }
    }
  }
`);

/** The problem as its page shows it. */
export type ProblemDetail = NonNullable<ProblemPageProblemQuery['problem']>;
/** One feedback item attached to it. */
export type ProblemFeedbackItem = ProblemDetail['feedback']['edges'][number]['node'];
