import { graphql } from '../../gql/index.js';

/** One notification of the viewer's inbox, as the drawer lists it. */
export const NOTIFICATION_ITEM_FRAGMENT = graphql(`
  fragment NotificationDrawer_Item on Notification {
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
`);

export const MARK_READ_MUTATION = graphql(`
  mutation NotificationDrawer_MarkRead($input: MarkNotificationReadInput!) {
    markNotificationRead(input: $input) {
      id
      read
      readAt
    }
  }
`);

export const MARK_ALL_READ_MUTATION = graphql(`
  mutation NotificationDrawer_MarkAllRead($input: MarkAllNotificationsReadInput) {
    markAllNotificationsRead(input: $input)
  }
`);
