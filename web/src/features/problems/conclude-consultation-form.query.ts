import { graphql } from '../../gql/index.js';

export const CONCLUDE_MUTATION = graphql(`
  mutation ConcludeConsultationForm_Conclude($input: ConcludeConsultationInput!) {
    concludeConsultation(input: $input) {
      id
      status
      version
      actions {
        id
        status
      }
    }
  }
`);
