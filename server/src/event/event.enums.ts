import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { HUB_EVENT_TYPES } from './event.table.js';

export const HubEventType = enumOf(HUB_EVENT_TYPES);
registerEnumType(HubEventType, { name: 'HubEventType' });
