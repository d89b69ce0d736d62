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
