/** view: saved views of the lists (inbox, problem board, actions), and the lists exported as CSV and XLSX. */
import type { GraphQLSchema } from 'graphql';
import type { HubServices } from '../core/context.js';
import { ViewResolver } from './view.resolver.js';
import { listExportRoutes } from './list-export.routes.js';

export { ViewService } from './view.service.js';
export { ListExportService } from './list-export.service.js';

export const viewModule = {
  name: 'view',
  resolvers: [ViewResolver],
  /** GET /exports/lists/{inbox,problems,actions}.{csv,xlsx}?filter=… */
  routes: (hub: HubServices, schema: GraphQLSchema) => listExportRoutes(hub, schema),
};

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { VIEW_LISTS, savedViews } from './view.table.js';
