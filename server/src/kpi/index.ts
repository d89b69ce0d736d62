/** kpi: the contact center's KPIs ("three highs, three lows") and contact records. */
import { KpiResolver } from './kpi.resolver.js';

export { KpiService, type ContactFields, type KpiReport } from './kpi.service.js';
export { kpiConfigOf } from './kpi.config.js';
export { addContactsToRollup, contactCube } from './kpi.repository.js';
export { KPI_NAMES, DEFAULT_KPI_THRESHOLDS, type KpiName, type KpiThresholds } from './kpi.rules.js';

export const kpiModule = {
  name: 'kpi',
  resolvers: [KpiResolver],
};

// What other modules use of this one.
export { Kpis } from './kpi.type.js';
export { contactRecords } from './contact.table.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { contactRollups } from './contact.table.js';
