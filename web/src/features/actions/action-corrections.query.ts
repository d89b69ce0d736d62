import { graphql } from '../../gql/index.js';

// Corrections of a linkage row (issue 18): each answers the fields its row shows, so that the
// table, the branch's list and the desk show the change without another round trip. What every
// step changes is the steps' own fragment (action-operations.query.ts); a correction adds the owner.

export const ACTION_CORRECTION_FRAGMENT = graphql(`
  fragment ActionCorrections_Row on LinkageAction {
    ...ActionOperations_Step
    statusReason
    branch {
      id
      name
    }
    department {
      id
      name
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
