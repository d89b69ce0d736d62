export const SUBMIT_OPINION_MUTATION = /* GraphQL */ `
  mutation OpinionForm_Submit($input: SubmitOpinionInput!) {
    submitOpinion(input: $input) {
      id
      version
      consultation {
        opinions {
          expert {
            id
          }
          submittedAt
        }
      }
    }
  }
`;
