/** import: streaming CSV/XLSX import of feedback and contact records (CLI and HTTP). */
import type { HubServices } from '../core/context.js';
import { ImportResolver } from './import.resolver.js';
import { importRoutes } from './import.routes.js';

export { ImportService } from './import.service.js';

export const importModule = {
  name: 'import',
  resolvers: [ImportResolver],
  /** POST /import/… (uploads). */
  routes: (hub: HubServices) => importRoutes(hub),
};

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { IMPORT_FORMATS, IMPORT_KINDS, IMPORT_STATUSES, imports, importKeys } from './import.table.js';

// What the import CLI uses.
export { formatOf } from './import.rules.js';
export type { ImportProgress } from './import.service.js';
