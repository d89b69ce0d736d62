import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, ENDPOINT_FORMATS, PERSONAL_CHANNELS } from './outbound.table.js';

export const DeliveryChannel = enumOf(DELIVERY_CHANNELS);
registerEnumType(DeliveryChannel, {
  name: 'DeliveryChannel',
  description: 'How a delivery leaves the hub: e-mail, a WeCom application message, an outgoing webhook, a WeCom group robot.',
});

export const PersonalChannel = enumOf(PERSONAL_CHANNELS);
registerEnumType(PersonalChannel, { name: 'PersonalChannel', description: 'The channels a person is reached by outside the hub.' });

export const DeliveryStatus = enumOf(DELIVERY_STATUSES);
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'PENDING: waiting for its next attempt; DELIVERED: taken by the receiver; FAILED: parked after the last retry, replayable.',
});

export const EndpointFormat = enumOf(ENDPOINT_FORMATS);
registerEnumType(EndpointFormat, {
  name: 'EndpointFormat',
  description:
    "SIGNED_JSON: the event as JSON, signed HMAC-SHA256 with the endpoint's secret; WECOM_ROBOT: a WeCom group robot's Markdown card.",
});
