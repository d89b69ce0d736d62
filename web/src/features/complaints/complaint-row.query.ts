import { graphql } from '../../gql/index.js';

/** What a list row shows of a case (the workspace, the supervision view, a problem's cases). */
export const COMPLAINT_ROW_FRAGMENT = graphql(`
  fragment ComplaintRow_Case on ComplaintCase {
    id
    status
    version
    receivedAt
    dueAt
    daysLeft
    extensions
    customerRef
    request
    channelCode
    businessCode
    causeCode
    branch {
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
    }
  }
`);

/** Cases the viewer may see, fewest days left first (the server's order). */
export const COMPLAINT_LIST_QUERY = graphql(`
  query ComplaintList_Cases($filter: ComplaintFilter, $first: Int!) {
    complaintCases(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          ...ComplaintRow_Case
        }
      }
    }
  }
`);
