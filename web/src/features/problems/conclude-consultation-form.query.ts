export const CONCLUDE_MUTATION = /* GraphQL */ `
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
`;
