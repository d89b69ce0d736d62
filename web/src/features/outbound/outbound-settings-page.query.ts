import { graphql } from '../../gql/index.js';

export const OUTBOUND_SETTINGS_QUERY = graphql(`
  query OutboundSettingsPage_Preferences {
    myOutboundPreferences {
      own {
        kinds
        channels
        quietHours {
          from
          to
        }
        version
      }
      roleDefault {
        kinds
        channels
      }
      email
      wecomUserId
      effectiveChannels
    }
    deliveries(first: 50) {
      id
      channel
      kind
      status
      attempts
      lastError
      createdAt
      deliveredAt
    }
  }
`);

export const UPDATE_OUTBOUND_PREFERENCES = graphql(`
  mutation OutboundSettingsPage_Update($input: UpdateOutboundPreferencesInput!) {
    updateOutboundPreferences(input: $input) {
      own {
        version
      }
      effectiveChannels
    }
  }
`);
