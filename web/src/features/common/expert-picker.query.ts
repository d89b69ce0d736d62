export const EXPERTS_QUERY = /* GraphQL */ `
  query ExpertPicker_Experts {
    users(role: EXPERT) {
      id
      displayName
      username
      department {
        id
        name
      }
    }
  }
`;
