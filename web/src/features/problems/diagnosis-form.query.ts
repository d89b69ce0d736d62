export const SUBMIT_DIAGNOSIS_MUTATION = /* GraphQL */ `
  mutation DiagnosisForm_Submit($input: SubmitDiagnosisInput!) {
    submitDiagnosis(input: $input) {
      id
      status
      version
      severity
      diagnosis {
        summary
        submittedAt
      }
    }
  }
`;
