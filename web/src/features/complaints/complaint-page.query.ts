import { graphql } from '../../gql/index.js';

/** Everything the handler's case page shows and its buttons need. */
export const COMPLAINT_CASE_FRAGMENT = graphql(`
  fragment ComplaintPage_Case on ComplaintCase {
    ...ComplaintRow_Case
    feedbackId
    createdAt
    updatedAt
    closedAt
    reviewRequestedAt
    reviewDueAt
    reviewOutcome
    branch {
      id
      name
      parent {
        id
        name
      }
    }
    subjectStaff {
      id
      displayName
    }
    subjectDepartment {
      id
      name
    }
    handler {
      id
      displayName
    }
    problem {
      id
      code
      title
      status
    }
    decision {
      findings
      basis
      remedies
      decidedAt
    }
    extensionHistory {
      ordinal
      reason
      previousDueAt
      dueAt
      customerToldAt
      at
      extendedBy {
        id
        displayName
      }
      approvedBy {
        id
        displayName
      }
    }
  }
`);

export const COMPLAINT_CASE_QUERY = graphql(`
  query ComplaintPage_Case($id: ID!) {
    complaintCase(id: $id) {
      ...ComplaintPage_Case
    }
  }
`);
