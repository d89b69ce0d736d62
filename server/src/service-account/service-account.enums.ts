import { registerEnumType } from 'type-graphql';
import { SERVICE_SCOPES } from '../core/service-scopes.js';
import { enumOf } from '../core/enum.js';

export const ServiceScope = enumOf(SERVICE_SCOPES);
registerEnumType(ServiceScope, {
  name: 'ServiceScope',
  description: "What an integration's service account may do: record feedback, record contacts, import files, read reports.",
});
