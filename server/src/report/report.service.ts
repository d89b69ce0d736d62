import { ReportNarrativeService } from './report-narrative.service.js';
import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { KpiService } from '../kpi/index.js';
import { ensureRollups } from './rollup.repository.js';
import { ReportScopes } from './report.scope.js';
import { LoopPerformanceService, type ComplaintFacts } from './loop-performance.service.js';
import { DashboardService, type DashboardData } from './dashboard.service.js';
import { VocReportService, type VocReportData } from './voc-report.service.js';
import { PublishedReportService, type PublishedReportRef } from './published-report.service.js';
import { ReportExportService } from './report-export.service.js';

/**
 * What the API, the export routes and the print page call for reports, one line to the service
 * that does each job: the dashboard, the monthly VOC report, its published versions and exports
 * (the KPIs they show come from kpi's service, built once in app/services.ts). Reads of feedback and contacts go through the rollups,
 * which are brought up to date here, once, at start.
 */
export class ReportService {
  readonly dashboards: DashboardService;
  readonly vocReports: VocReportService;
  readonly publishedReports: PublishedReportService;
  readonly exports: ReportExportService;
  readonly narratives: ReportNarrativeService;

  constructor(
    deps: HubDeps,
    /** The one the composition root built (it knows where the callback figures come from). */
    readonly kpis: KpiService,
    /**
     * The complaint cases the branch league table counts: complaint's reader, handed in by the
     * composition root (complaint reads report, so report cannot import complaint).
     */
    complaintFacts: ComplaintFacts,
  ) {
    // At start, before any read: rollups counted with other thresholds, or never, are rebuilt.
    const rollupsReady = ensureRollups(deps.store, this.kpis.config).then((rebuilt) => {
      if (rebuilt.feedback || rebuilt.contacts) deps.log.info({ rebuilt }, 'report rollups rebuilt');
    });
    // A failure is logged here and answered to every read that waits for it.
    rollupsReady.catch((err: unknown) => {
      if (deps.store.open) deps.log.error({ err }, 'report rollups could not be rebuilt');
    });
    const scopes = new ReportScopes(deps.org);
    const loop = new LoopPerformanceService(scopes, complaintFacts);
    this.dashboards = new DashboardService(deps, scopes, this.kpis, loop, rollupsReady);
    this.vocReports = new VocReportService(deps, scopes, this.kpis, loop, rollupsReady);
    this.narratives = new ReportNarrativeService(deps);
    this.publishedReports = new PublishedReportService(deps, scopes, this.vocReports, this.narratives);
    this.exports = new ReportExportService(deps, scopes, this.vocReports, this.publishedReports);
  }

  dashboard(viewer: Viewer, args: { branchId?: string | null; from?: Date | null; to?: Date | null }): Promise<DashboardData> {
    return this.dashboards.dashboard(viewer, args);
  }

  vocReport(viewer: Viewer, month: string, branchId?: string | null): Promise<VocReportData> {
    return this.vocReports.vocReport(viewer, month, branchId);
  }

  publish(viewer: Viewer, input: { month: string }): Promise<PublishedReportRef> {
    return this.publishedReports.publish(viewer, input);
  }

  published(viewer: Viewer, month: string, version?: number | null, branchId?: string | null): Promise<PublishedReportRef | null> {
    return this.publishedReports.published(viewer, month, version, branchId);
  }

  publishedList(viewer: Viewer, month?: string | null): Promise<PublishedReportRef[]> {
    return this.publishedReports.publishedList(viewer, month);
  }

  publishedSection(ref: PublishedReportRef) {
    return this.publishedReports.section(ref);
  }

  publishedNarrative(ref: PublishedReportRef) {
    return this.publishedReports.narrative(ref);
  }

  exportView(viewer: Viewer, month: string, branchId: string | null, version: number | null) {
    return this.exports.exportView(viewer, month, branchId, version);
  }

  linkageTable(viewer: Viewer, problemId: string) {
    return this.exports.linkageTable(viewer, problemId);
  }
}
