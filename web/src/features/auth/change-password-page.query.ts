import { VIEWER_FIELDS } from '../../lib/session.query.js';

export const CHANGE_PASSWORD_MUTATION = /* GraphQL */ `
  mutation ChangePasswordPage_Change($input: ChangePasswordInput!) {
    changePassword(input: $input) { token user { ${VIEWER_FIELDS} } }
  }
`;
