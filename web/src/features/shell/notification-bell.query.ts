import { graphql } from '../../gql/index.js';

export const NOTIFICATIONS_QUERY = graphql(`
  query NotificationBell_Inbox {
    notifications(first: 20) {
      unreadCount
      edges {
        node {
          ...NotificationDrawer_Item
        }
      }
    }
  }
`);
