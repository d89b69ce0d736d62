import { graphql } from '../../gql/index.js';

/** What the queue and a problem's list show of a callback: the customer masked, the problem, the linked case. */
export const CALLBACK_ROW_FRAGMENT = graphql(`
  fragment CallbackRow_Callback on Callback {
    id
    status
    version
    createdAt
    dueAt
    overdue
    attempts
    lastAttemptAt
    closedAt
    customerRef
    customerPhone
    verdict
    customerWords
    branch {
      id
      name
    }
    assignee {
      id
      displayName
    }
    problem {
      id
      code
      title
    }
    complaintCase {
      id
      status
    }
    attemptHistory {
      at
      reached
      verdict
      note
    }
  }
`);

/** The callback queue (回访), oldest first (the server's order). */
export const CALLBACK_QUEUE_QUERY = graphql(`
  query CallbackQueue_Callbacks($filter: CallbackFilter, $first: Int!) {
    callbacks(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          ...CallbackRow_Callback
        }
      }
    }
  }
`);

/** A resolved problem's callbacks and their outcomes (the problem page's section). */
export const PROBLEM_CALLBACKS_QUERY = graphql(`
  query ProblemCallbacks_Callbacks($id: ID!) {
    problem(id: $id) {
      id
      callbacks {
        ...CallbackRow_Callback
      }
    }
  }
`);

// A recorded call answers the callback as the queue shows it, so that urql's cache updates the row at once.
export const RECORD_CALLBACK_ATTEMPT = graphql(`
  mutation CallPanel_RecordAttempt($input: RecordCallbackAttemptInput!) {
    recordCallbackAttempt(input: $input) {
      ...CallbackRow_Callback
    }
  }
`);

/** The phone in clear, for this call only: the server writes every reveal to the audit trail. */
export const REVEAL_CUSTOMER_PHONE = graphql(`
  mutation CallPanel_RevealPhone($input: RevealCustomerPhoneInput!) {
    revealCustomerPhone(input: $input) {
      callbackId
      phone
    }
  }
`);
