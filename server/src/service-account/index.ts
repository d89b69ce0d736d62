/**
 * service-account: integrations' scoped tokens (issue 19). Named accounts with scopes (record
 * feedback, record contacts, import, read reports), a token shown once and stored hashed,
 * revocable, with its last-used time; each acts through a backing user, so rate budgets and the
 * audit trail treat it as a person. The operation policy admits only its scopes' root fields
 * (fieldsRefused); the gate here admits only its scopes' routes.
 */
import type { HubServices } from '../core/context.js';
import { ServiceAccountResolver } from './service-account.resolver.js';
import { serviceAccountGate } from './service-account.routes.js';

export { ServiceAccountService } from './service-account.service.js';
export { fieldsRefused, isServiceToken } from './service-account.rules.js';

export const serviceAccountModule = {
  name: 'service-account',
  resolvers: [ServiceAccountResolver],
  /** Before every other module's routes: a service token reaches only its scopes' routes. */
  routes: (hub: HubServices) => serviceAccountGate(hub),
};

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { serviceAccounts } from './service-account.table.js';
