import { graphql } from '../../gql/index.js';

export const SUBMIT_DIAGNOSIS_MUTATION = graphql(`
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
`);
