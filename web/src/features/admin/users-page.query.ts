import { USER_FIELDS } from './user-form-modal.query.js';

export const USERS_QUERY = `query UsersPage_Users { users { ${USER_FIELDS} } }`;

export const DEACTIVATE = `mutation UsersPage_Deactivate($input: UserIdInput!) { deactivateUser(input: $input) { ${USER_FIELDS} } }`;

export const REACTIVATE = `mutation UsersPage_Reactivate($input: UserIdInput!) { reactivateUser(input: $input) { ${USER_FIELDS} } }`;

export const RESET_PASSWORD = `mutation UsersPage_Reset($input: ResetPasswordInput!) { resetPassword(input: $input) { ${USER_FIELDS} } }`;
