/** report: the dashboard, the monthly VOC report and its publishing, exports and print. */
import type { HubServices } from '../core/context.js';
import {
  ReportResolver,
  PublishedVocReportResolver,
  CategoryTrendResolver,
  BranchVocResolver,
  BranchLeagueRowResolver,
  StageCycleTimeResolver,
  QuoteGroupResolver,
} from './report.resolver.js';
import { exportRoutes } from './export.routes.js';

export { ReportService } from './report.service.js';

export const reportModule = {
  name: 'report',
  resolvers: [
    ReportResolver,
    PublishedVocReportResolver,
    CategoryTrendResolver,
    BranchVocResolver,
    BranchLeagueRowResolver,
    StageCycleTimeResolver,
    QuoteGroupResolver,
  ],
  /** GET /export/… (XLSX, CSV) and /print/…. */
  routes: (hub: HubServices) => exportRoutes(hub),
};
