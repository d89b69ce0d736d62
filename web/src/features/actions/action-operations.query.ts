import { graphql } from '../../gql/index.js';

/** What a step changes, returned by each of them. */
export const ACTION_STEP_FRAGMENT = graphql(`
  fragment ActionOperations_Step on LinkageAction {
    id
    status
    version
    overdue
    dueAt
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

export const ACCEPT_ACTION = graphql(`
  mutation ActionOperations_Accept($input: ActionStepInput!) {
    acceptAction(input: $input) {
      ...ActionOperations_Step
    }
  }
`);
export const REPORT_PROGRESS = graphql(`
  mutation ActionOperations_Progress($input: ReportProgressInput!) {
    reportProgress(input: $input) {
      ...ActionOperations_Step
    }
  }
`);
export const SUBMIT_ACTION = graphql(`
  mutation ActionOperations_Submit($input: SubmitActionInput!) {
    submitAction(input: $input) {
      ...ActionOperations_Step
    }
  }
`);
export const CONFIRM_ACTION = graphql(`
  mutation ActionOperations_Confirm($input: ActionStepInput!) {
    confirmAction(input: $input) {
      ...ActionOperations_Step
      problem {
        id
        status
        version
      }
    }
  }
`);
export const RETURN_ACTION = graphql(`
  mutation ActionOperations_Return($input: ReturnActionInput!) {
    returnAction(input: $input) {
      ...ActionOperations_Step
    }
  }
`);
export const REQUEST_EXTENSION = graphql(`
  mutation ActionOperations_RequestExtension($input: RequestExtensionInput!) {
    requestExtension(input: $input) {
      ...ActionOperations_Step
    }
  }
`);
export const DECIDE_EXTENSION = graphql(`
  mutation ActionOperations_DecideExtension($input: DecideExtensionInput!) {
    decideExtension(input: $input) {
      ...ActionOperations_Step
    }
  }
`);
