export const NOTIFICATIONS_QUERY = /* GraphQL */ `
  query NotificationBell_Inbox {
    notifications(first: 20) {
      unreadCount
      edges {
        node {
          id
          kind
          summary
          at
          read
          problem {
            id
            code
            title
          }
        }
      }
    }
  }
`;

export const MARK_READ_MUTATION = /* GraphQL */ `
  mutation NotificationBell_MarkRead($input: MarkNotificationReadInput!) {
    markNotificationRead(input: $input) {
      id
      read
      readAt
    }
  }
`;

export const MARK_ALL_READ_MUTATION = /* GraphQL */ `
  mutation NotificationBell_MarkAllRead($input: MarkAllNotificationsReadInput) {
    markAllNotificationsRead(input: $input)
  }
`;
