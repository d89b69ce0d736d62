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
import type { Reaction } from '../event/index.js';
import { addFeedbackToRollups } from './rollup.repository.js';

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
  reactions: (): readonly Reaction[] => [
    {
      name: "count a recorded voice in the day's rollups (dashboard, report, KPIs)",
      on: ['FEEDBACK_RECORDED'],
      run: (tx, event) => addFeedbackToRollups(tx, event.feedbackId!),
    },
  ],
  /** GET /export/… (XLSX, CSV) and /print/…. */
  routes: (hub: HubServices) => exportRoutes(hub),
};

// What other modules use of this one.
export { FEEDBACK_CUBE } from './rollup.repository.js';
// The download machinery, for other modules' exports (complaint statistics): the same sign-in,
// refusals and XLSX writer (text cells stay text) as the VOC report's.
export { viewerOf as exportViewerOf, send as sendDownload, exportErrors, XLSX } from './export.routes.js';
export { reportWorkbook } from './report.xlsx.js';
// The monthly report's type, which other modules extend with their own fields (complaint cases by code).
export { VocReport as VocReportType } from './report.type.js';
export type { ReportTable, Cell as ReportCell } from './voc-report.layout.js';
