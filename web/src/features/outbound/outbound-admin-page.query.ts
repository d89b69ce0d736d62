import { graphql } from '../../gql/index.js';

export const OUTBOUND_ADMIN_QUERY = graphql(`
  query OutboundAdminPage_Endpoints($filter: DeliveryFilter) {
    webhookEndpoints {
      id
      name
      url
      format
      eventTypes
      active
      version
      createdAt
    }
    deliveries(filter: $filter, first: 100) {
      id
      channel
      kind
      status
      attempts
      lastError
      userId
      endpointId
      createdAt
      deliveredAt
    }
  }
`);

export const REGISTER_ENDPOINT = graphql(`
  mutation OutboundAdminPage_Register($input: RegisterWebhookEndpointInput!) {
    registerWebhookEndpoint(input: $input) {
      id
    }
  }
`);

export const UPDATE_ENDPOINT = graphql(`
  mutation OutboundAdminPage_Update($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      id
      active
      version
    }
  }
`);

export const REPLAY_DELIVERY = graphql(`
  mutation OutboundAdminPage_Replay($input: ReplayDeliveryInput!) {
    replayDelivery(input: $input) {
      id
      status
    }
  }
`);
