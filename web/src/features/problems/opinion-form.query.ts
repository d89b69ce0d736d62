import { graphql } from '../../gql/index.js';

export const SUBMIT_OPINION_MUTATION = graphql(`
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
`);
