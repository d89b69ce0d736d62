import { graphql } from '../../gql/index.js';

export const MY_CONSULTATIONS_QUERY = graphql(`
  query MyConsultationsPage_Open {
    problems(filter: { status: [IN_CONSULTATION] }, first: 80) {
      edges {
        node {
          id
          code
          title
          severity
          feedbackCount
          category {
            name
          }
          diagnosis {
            summary
            author {
              displayName
            }
          }
          consultation {
            openedAt
            dueAt
            coordinator {
              displayName
            }
            experts {
              id
            }
            opinions {
              expert {
                id
              }
              submittedAt
            }
          }
        }
      }
    }
  }
`);
