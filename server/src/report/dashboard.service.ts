import { and, count, inArray, lt, notInArray } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { badInput } from '../core/errors.js';
import { validDate } from '../core/validate.js';
import type { Viewer } from '../core/viewer.rules.js';
import { CHANNELS, FEEDBACK_KINDS } from '../feedback/index.js';
import { problems, PROBLEM_STATUSES, concernsBranches, actions, SETTLED_ACTION_STATUSES } from '../loop/index.js';
import type { KpiReport } from '../kpi/index.js';
import { readCube } from '../core/cube.repository.js';
import { dayOf, dayStart, daysBetween, reportable } from '../core/period.rules.js';
import { FEEDBACK_CUBE, FEEDBACK_SERIES_CUBE } from './rollup.repository.js';
import { itemsOf, kindCounts, type KindCounts, type FeedbackKind } from './report.rules.js';
import type { LoopPerformance } from './loop-performance.service.js';
import { ReportReader } from './report.reader.js';

const DAY_MS = 86_400_000;
/** The dashboard's daily series without a range: the last 30 days; never longer than a year. */
const DEFAULT_SERIES_DAYS = 30;
const MAX_SERIES_DAYS = 366;

export interface DailyFeedbackRow extends KindCounts {
  day: string;
}

export interface DashboardData extends LoopPerformance {
  from: Date | null;
  to: Date | null;
  problemsByStatus: { status: (typeof PROBLEM_STATUSES)[number]; count: number }[];
  feedbackByKind: { kind: FeedbackKind; count: number }[];
  feedbackByChannel: { channel: (typeof CHANNELS)[number]; count: number }[];
  feedbackDaily: DailyFeedbackRow[];
  openActions: number;
  overdueActions: number;
  kpis: KpiReport;
}

/** The live dashboard: where things stand now and over a period, for a scope. */
export class DashboardService extends ReportReader {
  /**
   * Where things stand for the viewer's scope (optionally one branch subtree) over [from, to):
   * problems by status and open and overdue actions now; feedback by kind and channel and a daily
   * series (without a range, the last 30 days); KPIs; and how the loop performed.
   */
  async dashboard(viewer: Viewer, args: { branchId?: string | null; from?: Date | null; to?: Date | null }): Promise<DashboardData> {
    const db = this.deps.store.read;
    const scope = this.scopes.of(viewer, args.branchId);
    const { branchIds } = scope;
    const from = args.from ? validDate('from', args.from).getTime() : null;
    const to = args.to ? validDate('to', args.to).getTime() : null;
    if (from !== null && !reportable(from)) throw badInput('from', 'from must lie between 1970 and 9998.');
    if (to !== null && !reportable(to)) throw badInput('to', 'to must lie between 1970 and 9998.');
    if (from !== null && to !== null && from > to) throw badInput('to', 'to must not be before from.');
    const now = this.deps.clock.now();
    const problemScope = branchIds ? concernsBranches(branchIds) : undefined;
    await this.rollupsReady;
    const statusRows = await db.select({ status: problems.status, n: count() }).from(problems).where(problemScope).groupBy(problems.status);
    const cells = await readCube(db, FEEDBACK_CUBE, { from, to }, branchIds, ['kind', 'channel']);
    const actionScope = branchIds ? inArray(actions.branchId, branchIds) : undefined;
    const open =
      (
        await first(
          db
            .select({ n: count() })
            .from(actions)
            .where(and(actionScope, notInArray(actions.status, [...SETTLED_ACTION_STATUSES]))),
        )
      )?.n ?? 0;
    const overdue =
      (
        await first(
          db
            .select({ n: count() })
            .from(actions)
            .where(and(actionScope, notInArray(actions.status, [...SETTLED_ACTION_STATUSES]), lt(actions.dueAt, now))),
        )
      )?.n ?? 0;
    return {
      from: from === null ? null : new Date(from),
      to: to === null ? null : new Date(to),
      problemsByStatus: PROBLEM_STATUSES.map((status) => ({ status, count: statusRows.find((r) => r.status === status)?.n ?? 0 })),
      feedbackByKind: FEEDBACK_KINDS.map((kind) => ({ kind, count: itemsOf(cells.filter((c) => c.kind === kind)) })),
      feedbackByChannel: CHANNELS.map((channel) => ({ channel, count: itemsOf(cells.filter((c) => c.channel === channel)) })),
      feedbackDaily: await this.dailySeries(db, branchIds, from, to, now.getTime()),
      openActions: open,
      overdueActions: overdue,
      kpis: await this.kpis.report(branchIds, from, to),
      ...(await this.loop.of(db, scope, { from, to }, now.getTime())),
    };
  }

  private async dailySeries(
    db: Db,
    branchIds: string[] | null,
    from: number | null,
    to: number | null,
    now: number,
  ): Promise<DailyFeedbackRow[]> {
    const last = dayOf((to ?? now + 1) - 1);
    const earliest = dayStart(last) - (MAX_SERIES_DAYS - 1) * DAY_MS;
    const start = Math.max(from ?? dayStart(last) - (DEFAULT_SERIES_DAYS - 1) * DAY_MS, earliest);
    const cells = await readCube(db, FEEDBACK_SERIES_CUBE, { from: start, to }, branchIds, ['day', 'kind']);
    return daysBetween(dayOf(start), last).map((day) => {
      return { day, ...kindCounts(cells.filter((c) => c.day === day)) };
    });
  }
}
