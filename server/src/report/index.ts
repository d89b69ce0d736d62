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
import { ReportNarrativeResolver, ReportNarrativeTextResolver } from './report-narrative.resolver.js';
import type { Reaction } from '../event/index.js';
import { addFeedbackToRollups, addImportedFeedbackToRollups, recountCorrectedFeedback } from './rollup.repository.js';

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
    ReportNarrativeResolver,
    ReportNarrativeTextResolver,
  ],
  reactions: (): readonly Reaction[] => [
    {
      name: "count a recorded voice in the day's rollups (dashboard, report, KPIs)",
      on: ['FEEDBACK_RECORDED'],
      run: (tx, event) => addFeedbackToRollups(tx, event.feedbackId!),
    },
    {
      // The same, in bulk: an import's batch records many voices and one RECORDS_IMPORTED.
      name: "count an imported batch's voices in the day's rollups",
      on: ['RECORDS_IMPORTED'],
      run: async (tx, _event, _emit, { imported }) => {
        if (imported && 'feedbackAfterRowid' in imported) await addImportedFeedbackToRollups(tx, imported.feedbackAfterRowid);
      },
    },
    {
      // A correction may move the voice to another branch, category, channel, kind or day; a void
      // takes it out (dashboard, report and KPI counts follow at once).
      name: "move a corrected voice in the day's rollups; take a voided one out",
      on: ['FEEDBACK_CORRECTED', 'FEEDBACK_VOIDED'],
      run: async (tx, event, _emit, { feedbackBefore }) => {
        if (feedbackBefore) await recountCorrectedFeedback(tx, event.feedbackId!, feedbackBefore);
      },
    },
  ],
  /** GET /export/… (XLSX, CSV) and /print/…. */
  routes: (hub: HubServices) => exportRoutes(hub),
};

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { feedbackRollups, feedbackSeriesRollups, rollupState } from './rollup.table.js';
export { publishedReports } from './published-report.table.js';
export { reportNarratives } from './report-narrative.table.js';

// What the demo loader uses: the rollups rebuilt from the rows it wrote.
export { rebuildRollups } from './rollup.repository.js';
// What other modules use of this one.
export { FEEDBACK_CUBE } from './rollup.repository.js';
// The download machinery, for other modules' exports (complaint statistics): the same sign-in,
// refusals and XLSX writer (text cells stay text) as the VOC report's.
export { viewerOf as exportViewerOf, send as sendDownload, exportErrors, XLSX } from './export.routes.js';
export { reportWorkbook } from './report.xlsx.js';
// The Chinese names the bank's documents give the schema's enums, for other modules' exports (list exports).
export { LABELS as DOCUMENT_LABELS } from './report.labels.js';
// The monthly report's type, which other modules extend with their own fields (complaint cases by code).
export { VocReport as VocReportType } from './report.type.js';
export type { ReportTable, Cell as ReportCell } from './voc-report.layout.js';

export type { ComplaintFacts } from './loop-performance.service.js';
export type { ComplaintCode, ComplaintFact } from './loop-performance.rules.js';
// The league table's row, which complaint extends with the complaints by code.
export { BranchLeagueRow as BranchLeagueRowType } from './report.type.js';
