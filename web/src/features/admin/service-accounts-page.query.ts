import { graphql } from '../../gql/index.js';

export const SERVICE_ACCOUNTS_QUERY = graphql(`
  query ServiceAccountsPage_List {
    serviceAccounts {
      id
      name
      description
      scopes
      tokenHint
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);
export const CREATE_SERVICE_ACCOUNT = graphql(`
  mutation ServiceAccountsPage_Create($input: CreateServiceAccountInput!) {
    createServiceAccount(input: $input) {
      token
      serviceAccount {
        id
        name
      }
    }
  }
`);
export const REVOKE_SERVICE_ACCOUNT = graphql(`
  mutation ServiceAccountsPage_Revoke($input: RevokeServiceAccountInput!) {
    revokeServiceAccount(input: $input) {
      id
      revokedAt
    }
  }
`);
