import type { Db } from '../core/db.js';
import { concernsBranches, ROOT_CAUSES, OUTCOMES } from '../loop/index.js';
import type { ReportScope, ReportScopes } from './report.scope.js';
import {
  leagueTable,
  cycleTimes,
  rootCausePareto,
  type LeagueRow,
  type ComplaintFact,
  type CycleTimeRow,
  type RootCauseRow,
} from './loop-performance.rules.js';
import {
  actionFacts,
  actionReturns,
  extensionAsks,
  praiseByDay,
  problemReopens,
  problemTimes,
  conclusions,
} from './loop-performance.repository.js';

/** How the loop performed in a period, as the dashboard and the monthly report show it. */
export interface LoopPerformance {
  league: LeagueRow[];
  cycleTimes: CycleTimeRow[];
  rootCauses: RootCauseRow[];
}

/** Where the league table's complaint counts come from (a port; complaint/ already imports report/). */
export type ComplaintFacts = (db: Db, branchIds: readonly string[] | null) => Promise<ComplaintFact[]>;

/** The loop's performance: the branch league table, the stage cycle times and the root causes. */
export class LoopPerformanceService {
  constructor(
    private readonly scopes: ReportScopes,
    /**
     * The complaint cases at the given branches (null: all), given by the composition root
     * (app/services.ts: the complaint module's), so that report imports no complaint code.
     */
    private readonly complaintFacts: ComplaintFacts,
  ) {}

  /** The league table, stage cycle times and root causes of a period (null ends: unbounded), for a scope. */
  async of(db: Db, scope: ReportScope, period: { from: number | null; to: number | null }, now: number): Promise<LoopPerformance> {
    const problemScope = scope.branchIds ? concernsBranches(scope.branchIds) : undefined;
    const facts = await actionFacts(db, scope.branchIds);
    return {
      league: leagueTable({
        units: this.scopes.units(
          scope,
          facts.some((a) => a.branchId === scope.rootId),
        ),
        actions: facts,
        returns: await actionReturns(db),
        extensions: await extensionAsks(db),
        reopens: await problemReopens(db),
        complaints: await this.complaintFacts(db, scope.branchIds),
        praise: await praiseByDay(db, scope.branchIds),
        period,
        now,
      }),
      cycleTimes: cycleTimes(await problemTimes(db, problemScope), period),
      rootCauses: rootCausePareto(await conclusions(db, period, problemScope), ROOT_CAUSES, OUTCOMES),
    };
  }
}
