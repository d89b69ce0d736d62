const ACTION_FIELDS = 'id status version overdue dueAt extension { requestedDueAt reason decision } updates { note status at }';

export const ACCEPT_ACTION = `mutation ActionOperations_Accept($input: ActionStepInput!) { acceptAction(input: $input) { ${ACTION_FIELDS} } }`;
export const REPORT_PROGRESS = `mutation ActionOperations_Progress($input: ReportProgressInput!) { reportProgress(input: $input) { ${ACTION_FIELDS} } }`;
export const SUBMIT_ACTION = `mutation ActionOperations_Submit($input: SubmitActionInput!) { submitAction(input: $input) { ${ACTION_FIELDS} } }`;
export const CONFIRM_ACTION = `mutation ActionOperations_Confirm($input: ActionStepInput!) { confirmAction(input: $input) { ${ACTION_FIELDS} problem { id status version } } }`;
export const RETURN_ACTION = `mutation ActionOperations_Return($input: ReturnActionInput!) { returnAction(input: $input) { ${ACTION_FIELDS} } }`;
export const REQUEST_EXTENSION = `mutation ActionOperations_RequestExtension($input: RequestExtensionInput!) { requestExtension(input: $input) { ${ACTION_FIELDS} } }`;
export const DECIDE_EXTENSION = `mutation ActionOperations_DecideExtension($input: DecideExtensionInput!) { decideExtension(input: $input) { ${ACTION_FIELDS} } }`;
