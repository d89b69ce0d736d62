import { graphql } from '../../gql/index.js';

export const OPEN_CONSULTATION_MUTATION = graphql(`
  mutation OpenConsultationForm_Open($input: OpenConsultationInput!) {
    openConsultation(input: $input) {
      id
      status
      version
      consultation {
        openedAt
        experts {
          id
          displayName
        }
      }
    }
  }
`);
