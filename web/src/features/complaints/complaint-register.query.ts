import { graphql } from '../../gql/index.js';

/** Registers the case of a feedback item just recorded as a complaint. */
export const REGISTER_COMPLAINT = graphql(`
  mutation ComplaintRegister_Register($input: RegisterComplaintInput!) {
    registerComplaint(input: $input) {
      id
      status
      dueAt
      version
    }
  }
`);
