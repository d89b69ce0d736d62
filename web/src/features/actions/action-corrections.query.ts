import { graphql } from '../../gql/index.js';

// Corrections of a linkage row (issue 18): each answers the fields its row shows, so that the
// table, the branch's list and the desk show the change without another round trip.

export const ACTION_CORRECTION_FRAGMENT = graphql(`
  fragment ActionCorrections_Row on LinkageAction {
    id
    status
    statusReason
    version
    overdue
    dueAt
    branch {
      id
      name
    }
    department {
      id
      name
    }
    extension {
      requestedDueAt
      reason
      decision
    }
    updates {
      note
      status
      at
    }
  }
`);

export const CANCEL_ACTION = graphql(`
  mutation ActionCorrections_Cancel($input: CancelActionInput!) {
    cancelAction(input: $input) {
      ...ActionCorrections_Row
      problem {
        id
        status
        version
      }
    }
  }
`);

export const REASSIGN_ACTION = graphql(`
  mutation ActionCorrections_Reassign($input: ReassignActionInput!) {
    reassignAction(input: $input) {
      ...ActionCorrections_Row
    }
  }
`);

export const CHANGE_ACTION_DUE_DATE = graphql(`
  mutation ActionCorrections_Redate($input: ChangeActionDueDateInput!) {
    changeActionDueDate(input: $input) {
      ...ActionCorrections_Row
    }
  }
`);

export const DECLINE_ACTION = graphql(`
  mutation ActionCorrections_Decline($input: DeclineActionInput!) {
    declineAction(input: $input) {
      ...ActionCorrections_Row
    }
  }
`);
