/** kpi: the contact center's KPIs ("three highs, three lows") and contact records. */
import type { HubServices } from '../core/context.js';
import type { Reaction } from '../event/index.js';
import { KpiResolver } from './kpi.resolver.js';
import { addContactsToRollup } from './kpi.repository.js';

export { KpiService, type ContactFields, type KpiReport, type CallbackCounts } from './kpi.service.js';
export { kpiConfigOf } from './kpi.config.js';
export { addContactsToRollup, contactCube } from './kpi.repository.js';
export { KPI_NAMES, DEFAULT_KPI_THRESHOLDS, type KpiName, type KpiThresholds } from './kpi.rules.js';

export const kpiModule = {
  name: 'kpi',
  resolvers: [KpiResolver],
  reactions: (hub: HubServices): readonly Reaction[] => [
    {
      // recordContacts counts its records in its own write (no event per contact); an import's
      // batch of contact records announces itself with RECORDS_IMPORTED and is counted here.
      name: "count an imported batch's contact records in the KPI rollup",
      on: ['RECORDS_IMPORTED'],
      run: async (tx, _event, _emit, { imported }) => {
        if (imported && 'contactsAfterId' in imported) await addContactsToRollup(tx, hub.kpis.config, imported.contactsAfterId);
      },
    },
  ],
};

// What other modules use of this one.
export { Kpis } from './kpi.type.js';
export { contactRecords } from './contact.table.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { contactRollups } from './contact.table.js';
