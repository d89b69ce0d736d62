import type { HubDeps } from '../core/hub.js';
import type { KpiService } from '../kpi/index.js';
import type { ReportScopes } from './report.scope.js';
import type { LoopPerformanceService } from './loop-performance.service.js';

/**
 * What the live reads of feedback and the loop (the dashboard, the monthly VOC report) are built
 * with: the scopes they answer for, the KPIs and loop performance they include, and the rollups
 * they read, which they wait for until they are current.
 */
export abstract class ReportReader {
  constructor(
    protected readonly deps: HubDeps,
    protected readonly scopes: ReportScopes,
    protected readonly kpis: KpiService,
    protected readonly loop: LoopPerformanceService,
    /** Settles once the rollups are current. */
    protected readonly rollupsReady: Promise<void>,
  ) {}
}
