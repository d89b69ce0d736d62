import { VIEWER_FIELDS } from '../../lib/session.query.js';

export const LOGIN_MUTATION = /* GraphQL */ `
  mutation LoginPage_Login($input: LoginInput!) {
    login(input: $input) { token user { ${VIEWER_FIELDS} } }
  }
`;
