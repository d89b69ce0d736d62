import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { badInput } from '../core/errors.js';
import type { Viewer } from '../core/viewer.rules.js';
import { CHANNELS, FEEDBACK_KINDS, feedbackByIds, type FeedbackRow } from '../feedback/index.js';
import { problems, concernsBranches, type ProblemRow, actions, consultations } from '../loop/index.js';
import { containsPersonalData } from '../core/mask.rules.js';
import type { KpiReport } from '../kpi/index.js';
import { readCube } from '../core/cube.repository.js';
import { monthRange } from '../core/period.rules.js';
import { FEEDBACK_CUBE, FEEDBACK_SERIES_CUBE } from './rollup.repository.js';
import { actionOutcome, itemsOf, kindCounts, mostTypical, type KindCounts, type FeedbackKind } from './report.rules.js';
import type { ReportScope } from './report.scope.js';
import type { LoopPerformance } from './loop-performance.service.js';
import { ReportReader } from './report.reader.js';
import { sampleFeedback } from './quote.repository.js';

/** Representative quotes: the largest categories of each kind, each sampled across the month. */
const QUOTE_GROUPS_PER_KIND = 2;
const QUOTE_SLICES = 6;
const QUOTE_SAMPLE_PER_SLICE = 20;

export interface BranchVocRow extends KindCounts {
  branchId: string;
}

export interface QuoteGroupRow {
  kind: FeedbackKind;
  categoryId: string;
  /** Feedback items of this kind and category in the month. */
  size: number;
  quote: FeedbackRow;
}

/** The monthly Voice of the Customer report, as computed or as frozen in a published version. */
export interface VocReportData extends KindCounts, LoopPerformance {
  month: string;
  /** The subtree the report covers; null: the whole bank. */
  branchId: string | null;
  generatedAt: Date;
  byChannel: { channel: (typeof CHANNELS)[number]; count: number }[];
  topCategories: { categoryId: string; count: number; previousCount: number }[];
  byBranch: BranchVocRow[];
  newProblems: ProblemRow[];
  resolvedProblems: ProblemRow[];
  actionsDue: number;
  actionsDoneOnTime: number;
  actionsDoneLate: number;
  actionsOverdue: number;
  actionsPending: number;
  quotes: FeedbackRow[];
  quoteGroups: QuoteGroupRow[];
  innovations: ProblemRow[];
  kpis: KpiReport;
}

/**
 * The monthly Voice of the Customer report, live: feedback by kind, channel, category and branch
 * from the rollups, the month's problems and actions, representative quotes, KPIs and the loop's
 * performance.
 */
export class VocReportService extends ReportReader {
  /** The monthly VOC report for the viewer's scope, live. `month` is YYYY-MM (China Standard Time). */
  async vocReport(viewer: Viewer, month: string, branchId?: string | null): Promise<VocReportData> {
    if (!monthRange(month)) throw badInput('month', 'month must be YYYY-MM, e.g. 2026-11.');
    return this.forScope(this.scopes.of(viewer, branchId), month);
  }

  /** The monthly VOC report of a scope, live, whoever reads it. `month` must be a valid YYYY-MM. */
  async forScope(scope: ReportScope, month: string): Promise<VocReportData> {
    const range = monthRange(month)!;
    const db = this.deps.store.read;
    const { branchIds } = scope;
    const start = range.start.getTime();
    const end = range.end.getTime();
    // The margins the report shows, summed in SQL: a few hundred rows at most, whatever the month's
    // number of cells; by branch from the narrow branch × kind rollup.
    const inMonth = { from: start, to: end };
    await this.rollupsReady;
    const byBranchKind = await readCube(db, FEEDBACK_SERIES_CUBE, inMonth, branchIds, ['branchId', 'kind']);
    const cells = await readCube(db, FEEDBACK_CUBE, inMonth, branchIds, ['categoryId', 'channel', 'kind']);
    const previous = await readCube(db, FEEDBACK_CUBE, { from: range.previousStart.getTime(), to: start }, branchIds, ['categoryId']);

    const categoryIds = new Set([...cells.map((c) => c.categoryId), ...previous.map((c) => c.categoryId)]);
    const topCategories = [...categoryIds]
      .map((categoryId) => ({
        categoryId,
        count: itemsOf(cells.filter((c) => c.categoryId === categoryId)),
        previousCount: itemsOf(previous.filter((c) => c.categoryId === categoryId)),
      }))
      .sort((a, b) => b.count - a.count || b.previousCount - a.previousCount || a.categoryId.localeCompare(b.categoryId))
      .slice(0, 10);

    const cellsByUnit = new Map<string, typeof byBranchKind>();
    for (const c of byBranchKind) {
      const unit = this.scopes.unitOf(c.branchId, scope.rootId);
      if (!unit) continue;
      const list = cellsByUnit.get(unit);
      if (list) list.push(c);
      else cellsByUnit.set(unit, [c]);
    }
    const byUnit = [...cellsByUnit].map(([branchId, unitCells]): BranchVocRow => ({ branchId, ...kindCounts(unitCells) }));

    const problemScope = branchIds ? concernsBranches(branchIds) : undefined;
    const newProblems = await db
      .select()
      .from(problems)
      .where(and(gte(problems.createdAt, range.start), lt(problems.createdAt, range.end), problemScope))
      .orderBy(desc(problems.createdAt));
    const resolvedProblems = await db
      .select()
      .from(problems)
      .where(and(eq(problems.status, 'RESOLVED'), gte(problems.resolvedAt, range.start), lt(problems.resolvedAt, range.end), problemScope))
      .orderBy(desc(problems.resolvedAt));
    const innovations = (
      await db
        .select({ p: problems })
        .from(problems)
        .innerJoin(consultations, eq(consultations.problemId, problems.id))
        .where(
          and(
            eq(consultations.outcome, 'PRODUCT_INNOVATION'),
            lt(consultations.issuedAt, range.end),
            sql`(${problems.resolvedAt} IS NULL OR ${problems.resolvedAt} >= ${start})`,
            ne(problems.status, 'DISMISSED'),
            problemScope,
          ),
        )
        .orderBy(asc(consultations.issuedAt))
    ).map((r) => r.p);

    const now = this.deps.clock.now();
    const due = await db
      .select({ dueAt: actions.dueAt, confirmedAt: actions.confirmedAt })
      .from(actions)
      .where(
        and(
          gte(actions.dueAt, range.start),
          lt(actions.dueAt, range.end),
          // A withdrawn row was due from nobody.
          ne(actions.status, 'CANCELLED'),
          branchIds ? inArray(actions.branchId, branchIds) : undefined,
        ),
      );
    const outcomes = due.map((a) => actionOutcome(a, now));
    const quoteGroups = await this.quoteGroups(db, cells, start, end, branchIds);
    return {
      month,
      branchId: scope.branchId,
      generatedAt: now,
      ...kindCounts(cells),
      byChannel: CHANNELS.map((channel) => ({ channel, count: itemsOf(cells.filter((c) => c.channel === channel)) })),
      topCategories,
      byBranch: byUnit.sort((a, b) => b.total - a.total || this.scopes.codeOf(a.branchId).localeCompare(this.scopes.codeOf(b.branchId))),
      newProblems,
      resolvedProblems,
      actionsDue: due.length,
      actionsDoneOnTime: outcomes.filter((o) => o === 'ON_TIME').length,
      actionsDoneLate: outcomes.filter((o) => o === 'LATE').length,
      actionsOverdue: outcomes.filter((o) => o === 'OVERDUE' || o === 'LATE').length,
      actionsPending: outcomes.filter((o) => o === 'PENDING').length,
      quotes: quoteGroups.map((g) => g.quote),
      quoteGroups,
      innovations,
      kpis: await this.kpis.report(branchIds, start, end),
      ...(await this.loop.of(db, scope, { from: start, to: end }, now.getTime())),
    };
  }

  /**
   * Representative quotes: for each kind, its largest categories of the month; from each, a sample
   * spread over the month, and of that the item most typical of the sample (mostTypical), leaving
   * out items carrying personal data when others remain — a typical voice, not the newest.
   */
  private async quoteGroups(
    db: Db,
    cells: readonly { categoryId: string; kind: string; items: number }[],
    start: number,
    end: number,
    branchIds: string[] | null,
  ): Promise<QuoteGroupRow[]> {
    const picks: { kind: FeedbackKind; categoryId: string; size: number; id: string }[] = [];
    const slice = (end - start) / QUOTE_SLICES;
    for (const kind of FEEDBACK_KINDS) {
      const sizes = new Map<string, number>();
      for (const c of cells) if (c.kind === kind) sizes.set(c.categoryId, (sizes.get(c.categoryId) ?? 0) + c.items);
      const top = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, QUOTE_GROUPS_PER_KIND);
      for (const [categoryId, size] of top) {
        const sample: { id: string; text: string; customerRef: string | null }[] = [];
        for (let i = 0; i < QUOTE_SLICES; i++) {
          const from = Math.round(start + i * slice);
          const to = i === QUOTE_SLICES - 1 ? end : Math.round(start + (i + 1) * slice);
          sample.push(...(await sampleFeedback(db, { kind, categoryId, from, to, branchIds, limit: QUOTE_SAMPLE_PER_SLICE })));
        }
        const clean = sample.filter((f) => !containsPersonalData(f.text) && !containsPersonalData(f.customerRef ?? ''));
        const candidates = clean.length ? clean : sample;
        const at = mostTypical(candidates.map((f) => f.text));
        if (at !== undefined) picks.push({ kind, categoryId, size, id: candidates[at]!.id });
      }
    }
    const rows = new Map(
      (
        await feedbackByIds(
          db,
          picks.map((p) => p.id),
        )
      ).map((f) => [f.id, f]),
    );
    return picks.map(({ id, ...group }) => ({ ...group, quote: rows.get(id)! }));
  }
}
