export const OPEN_CONSULTATION_MUTATION = /* GraphQL */ `
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
`;
