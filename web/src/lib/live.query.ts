import { graphql } from '../gql/index.js';

/** The live feed: every event the viewer may see, resumed after the last cursor seen. */
export const HUB_EVENTS_SUBSCRIPTION = graphql(`
  subscription Live_HubEvents($after: String) {
    hubEvents(after: $after) {
      cursor
      type
      at
      fromStatus
      toStatus
      note
      feedbackId
      actor {
        id
        displayName
      }
      problem {
        id
        code
        title
        status
      }
      action {
        id
        title
        status
      }
    }
  }
`);

/** The viewer's new notifications, resumed after the last one seen. */
export const NOTIFICATIONS_SUBSCRIPTION = graphql(`
  subscription Live_Notifications($after: ID) {
    notifications(after: $after) {
      id
      kind
      summary
      at
      problem {
        id
        code
      }
    }
  }
`);
