import { and, asc, count, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import { write } from '../event/event.write.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import type { Env } from '../core/env.js';
import type { Viewer } from '../core/viewer.rules.js';
import { CHANNELS, FEEDBACK_KINDS } from '../feedback/feedback.table.js';
import { problems, diagnoses, PROBLEM_STATUSES, ROOT_CAUSES, OUTCOMES } from '../loop/problem.table.js';
import { actions } from '../loop/action.table.js';
import { consultations } from '../loop/consultation.table.js';
import { contactRecords } from '../kpi/contact.table.js';
import { categories, departments } from '../org/org.table.js';
import { users } from '../user/user.table.js';
import { publishedReports } from './published-report.table.js';
import { badInput, forbidden, notFound } from '../core/errors.js';
import { idOf, validDate } from '../core/validate.js';
import { roleMay } from '../core/permissions.rules.js';
import { concernsBranches, findProblem, problemConcerns, type ProblemRow } from '../loop/problem.repository.js';
import { actionsOfProblems, updatesOfActions, latestExtensions, type ActionRow } from '../loop/action.repository.js';
import { usersByIds } from '../user/user.repository.js';
import { feedbackByIds, type FeedbackRow } from '../feedback/feedback.repository.js';
import { containsPersonalData, maskPersonalData } from '../core/mask.rules.js';
import { canSeePersonalData, inScope } from '../core/viewer.rules.js';
import type { ReportNames } from './voc-report.layout.js';
import { addContactsToRollup, kpiCounters } from '../kpi/kpi.repository.js';
import { computeKpis, assessKpis, type KpiConfig, type KpiCounters, type KpiValues, type KpiAssessment } from '../kpi/kpi.rules.js';
import { readCube } from './cube.repository.js';
import { FEEDBACK_CUBE, FEEDBACK_SERIES_CUBE, ensureRollups } from './rollup.repository.js';
import {
  monthRange,
  actionOutcome,
  dayOf,
  dayStart,
  daysBetween,
  mostTypical,
  reportingUnit,
  changedFigures,
  toSnapshotJson,
  fromSnapshotJson,
  type ReportChange,
  reportable,
} from './report.rules.js';
import {
  leagueTable,
  cycleTimes,
  rootCausePareto,
  type LeagueRow,
  type CycleTimeRow,
  type RootCauseRow,
} from './loop-performance.rules.js';
import { actionFacts, actionReturns, extensionAsks, problemReopens, problemTimes, conclusions } from './loop-performance.repository.js';
import { sampleFeedback } from './quote.repository.js';
import { LABELS } from './report.labels.js';

const MAX_CONTACTS_PER_CALL = 10_000;
const DAY_MS = 86_400_000;
/** The dashboard's daily series without a range: the last 30 days; never longer than a year. */
const DEFAULT_SERIES_DAYS = 30;
const MAX_SERIES_DAYS = 366;
/** Representative quotes: the largest categories of each kind, each sampled across the month. */
const QUOTE_GROUPS_PER_KIND = 2;
const QUOTE_SLICES = 6;
const QUOTE_SAMPLE_PER_SLICE = 20;
/** The whole bank's section of a published report. */
export const BANK_SECTION = '*';

type Kind = (typeof FEEDBACK_KINDS)[number];
type ChannelCode = (typeof CHANNELS)[number];

export interface ContactFields {
  channel: ChannelCode;
  branchId?: string | null;
  offeredAt: Date;
  answered: boolean;
  waitSeconds: number;
  firstResponseSeconds?: number | null;
  transferred: boolean;
  workOrder: boolean;
  complaint: boolean;
  satisfaction?: number | null;
  customerRef?: string | null;
}

/** KPIs with what they were computed from and how each stands against its target. */
export interface KpiReport extends KpiValues {
  counters: KpiCounters;
  serviceLevelSeconds: number;
  responseSeconds: number;
  repeatWindowDays: number;
  assessments: KpiAssessment[];
}

export interface BranchVocRow {
  branchId: string;
  praise: number;
  problems: number;
  suggestions: number;
  complaints: number;
  total: number;
}

export interface QuoteGroupRow {
  kind: Kind;
  categoryId: string;
  /** Feedback items of this kind and category in the month. */
  size: number;
  quote: FeedbackRow;
}

/** The monthly Voice of the Customer report, as computed or as frozen in a published version. */
export interface VocReportData {
  month: string;
  /** The subtree the report covers; null: the whole bank. */
  branchId: string | null;
  generatedAt: Date;
  praise: number;
  problems: number;
  suggestions: number;
  complaints: number;
  total: number;
  byChannel: { channel: ChannelCode; count: number }[];
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
  league: LeagueRow[];
  cycleTimes: CycleTimeRow[];
  rootCauses: RootCauseRow[];
}

export interface DailyFeedbackRow {
  day: string;
  praise: number;
  problems: number;
  suggestions: number;
  complaints: number;
  total: number;
}

export interface DashboardData {
  from: Date | null;
  to: Date | null;
  problemsByStatus: { status: (typeof PROBLEM_STATUSES)[number]; count: number }[];
  feedbackByKind: { kind: Kind; count: number }[];
  feedbackByChannel: { channel: ChannelCode; count: number }[];
  feedbackDaily: DailyFeedbackRow[];
  openActions: number;
  overdueActions: number;
  kpis: KpiReport;
  league: LeagueRow[];
  cycleTimes: CycleTimeRow[];
  rootCauses: RootCauseRow[];
}

/** A published version as listed: the section is the part this viewer reads. */
export interface PublishedReportRef {
  id: number;
  month: string;
  version: number;
  publishedBy: string;
  publishedAt: Date;
  summary: string;
  sectionKey: string;
}

interface PublishedPayload {
  sections: Record<string, { report: VocReportData; changes: ReportChange[] }>;
}

/** What a read covers: the branch ids (null: all) and the node whose children are its rows. */
interface ReportScope {
  branchIds: string[] | null;
  rootId: string;
  branchId: string | null;
}

/** Staff-written text (titles, notes, plans) as a viewer may read it: masked like feedback for all but analysts and coordinators. */
export function staffTextFor(viewer: Viewer): (text: string) => string {
  return canSeePersonalData(viewer, null) ? (text) => text : maskPersonalData;
}

/** The KPI configuration from the environment (core/env.ts). */
export function kpiConfigOf(env: Env): KpiConfig {
  return {
    serviceLevelSeconds: env.KPI_SERVICE_LEVEL_SECONDS,
    responseSeconds: env.KPI_RESPONSE_SECONDS,
    repeatWindowDays: env.KPI_REPEAT_WINDOW_DAYS,
    targets: {
      SERVICE_LEVEL: env.KPI_TARGET_SERVICE_LEVEL,
      ANSWER_RATE: env.KPI_TARGET_ANSWER_RATE,
      RESPONSE_RATE: env.KPI_TARGET_RESPONSE_RATE,
      SATISFACTION_RATE: env.KPI_TARGET_SATISFACTION_RATE,
      TRANSFER_RATE: env.KPI_TARGET_TRANSFER_RATE,
      WORK_ORDER_RATE: env.KPI_TARGET_WORK_ORDER_RATE,
      COMPLAINT_RATE: env.KPI_TARGET_COMPLAINT_RATE,
      REPEAT_CONTACT_RATE: env.KPI_TARGET_REPEAT_CONTACT_RATE,
    },
  };
}

const itemsOf = (rows: readonly { items: number }[]) => rows.reduce((s, r) => s + r.items, 0);

/**
 * The dashboard, the monthly VOC report (live, published, exported), the loop's performance and the
 * contact records behind the KPIs. Reads of feedback and contacts go through the rollups.
 */
export class ReportService {
  private readonly kpi: KpiConfig;
  private readonly payloads = new Map<number, PublishedPayload>();
  /** Settles once the rollups are current; every read of them waits for it. */
  private readonly rollupsReady: Promise<void>;

  constructor(private readonly deps: HubDeps) {
    this.kpi = kpiConfigOf(deps.env);
    // At start, before any read: rollups counted with other thresholds, or never, are rebuilt.
    this.rollupsReady = ensureRollups(deps.store, this.kpi).then((rebuilt) => {
      if (rebuilt.feedback || rebuilt.contacts) deps.log.info({ rebuilt }, 'report rollups rebuilt');
    });
    // A failure is logged here and answered to every read that waits for it.
    this.rollupsReady.catch((err: unknown) => {
      if (deps.store.open) deps.log.error({ err }, 'report rollups could not be rebuilt');
    });
  }

  private headOffice(): string {
    return this.deps.org.list().find((b) => !b.parentId)?.id ?? '';
  }

  /**
   * The branch ids a read covers: the viewer's scope, cut to a requested subtree. A branch outside
   * a branch manager's subtree (an ancestor included) answers NOT_FOUND, as if it did not exist:
   * a report titled for a branch must hold that branch's figures, not zeros or the viewer's own.
   */
  private scopeOf(viewer: Viewer, branchId: string | null | undefined): ReportScope {
    if (!branchId)
      return viewer.scope
        ? { branchIds: [...viewer.scope], rootId: viewer.branchId ?? '', branchId: viewer.branchId }
        : { branchIds: null, rootId: this.headOffice(), branchId: null };
    if (!inScope(viewer, branchId)) throw notFound('Branch', branchId);
    if (!this.deps.org.get(branchId)) throw badInput('branchId', 'branchId is not a branch.');
    const sub = [...this.deps.org.subtree(branchId)];
    return { branchIds: viewer.scope ? sub.filter((id) => viewer.scope!.has(id)) : sub, rootId: branchId, branchId };
  }

  /**
   * The rows of a table by branch, in code order: the root's children, each with its subtree, and
   * the root's own records when `rootHasOwn`.
   */
  private units(scope: ReportScope, rootHasOwn: boolean): { branchId: string; members: ReadonlySet<string> }[] {
    const root = this.deps.org.get(scope.rootId);
    if (!root) return [];
    const inScope = (id: string) => !scope.branchIds || scope.branchIds.includes(id);
    const children = this.deps.org.childrenOf(root.id).map((c) => ({
      branchId: c.id,
      members: new Set([...this.deps.org.subtree(c.id)].filter(inScope)),
    }));
    const own = rootHasOwn && inScope(root.id) ? [{ branchId: root.id, members: new Set([root.id]) }] : [];
    return [...own, ...children].filter((u) => u.members.size);
  }

  private codeOf(branchId: string): string {
    return this.deps.org.get(branchId)?.code ?? branchId;
  }

  private unitOf(branchId: string, rootId: string): string | undefined {
    const b = this.deps.org.get(branchId);
    return b ? reportingUnit(b.path, rootId) : undefined;
  }

  private async kpiReport(branchIds: readonly string[] | null, from: number | null, to: number | null): Promise<KpiReport> {
    const counters = await kpiCounters(this.deps.store.read, this.kpi, { from, to, branchIds });
    const values = computeKpis(counters);
    return {
      ...values,
      counters,
      serviceLevelSeconds: this.kpi.serviceLevelSeconds,
      responseSeconds: this.kpi.responseSeconds,
      repeatWindowDays: this.kpi.repeatWindowDays,
      assessments: assessKpis(values, this.kpi.targets),
    };
  }

  /** The league table, stage cycle times and root causes of a period, for a scope. */
  private async loopPerformance(db: Db, scope: ReportScope, period: { from: number | null; to: number | null }, now: number) {
    const problemScope = scope.branchIds ? concernsBranches(scope.branchIds) : undefined;
    const facts = await actionFacts(db, scope.branchIds);
    return {
      league: leagueTable({
        units: this.units(
          scope,
          facts.some((a) => a.branchId === scope.rootId),
        ),
        actions: facts,
        returns: await actionReturns(db),
        extensions: await extensionAsks(db),
        reopens: await problemReopens(db),
        period,
        now,
      }),
      cycleTimes: cycleTimes(await problemTimes(db, problemScope), period),
      rootCauses: rootCausePareto(await conclusions(db, period, problemScope), ROOT_CAUSES, OUTCOMES),
    };
  }

  /**
   * Where things stand for the viewer's scope (optionally one branch subtree) over [from, to):
   * problems by status and open and overdue actions now; feedback by kind and channel and a daily
   * series (without a range, the last 30 days); KPIs; and how the loop performed.
   */
  async dashboard(viewer: Viewer, args: { branchId?: string | null; from?: Date | null; to?: Date | null }): Promise<DashboardData> {
    const db = this.deps.store.read;
    const scope = this.scopeOf(viewer, args.branchId);
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
            .where(and(actionScope, ne(actions.status, 'CONFIRMED'))),
        )
      )?.n ?? 0;
    const overdue =
      (
        await first(
          db
            .select({ n: count() })
            .from(actions)
            .where(and(actionScope, ne(actions.status, 'CONFIRMED'), lt(actions.dueAt, now))),
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
      kpis: await this.kpiReport(branchIds, from, to),
      ...(await this.loopPerformance(db, scope, { from, to }, now.getTime())),
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
      const today = cells.filter((c) => c.day === day);
      const of = (kind: Kind) => itemsOf(today.filter((c) => c.kind === kind));
      return {
        day,
        praise: of('PRAISE'),
        problems: of('PROBLEM'),
        suggestions: of('SUGGESTION'),
        complaints: today.reduce((s, c) => s + c.complaints, 0),
        total: itemsOf(today),
      };
    });
  }

  /** The monthly VOC report for the viewer's scope, live. `month` is YYYY-MM (China Standard Time). */
  async vocReport(viewer: Viewer, month: string, branchId?: string | null): Promise<VocReportData> {
    if (!monthRange(month)) throw badInput('month', 'month must be YYYY-MM, e.g. 2026-11.');
    return this.computeVocReport(this.scopeOf(viewer, branchId), month);
  }

  private async computeVocReport(scope: ReportScope, month: string): Promise<VocReportData> {
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
    const ofKind = (kind: Kind) => itemsOf(cells.filter((c) => c.kind === kind));

    const categoryIds = new Set([...cells.map((c) => c.categoryId), ...previous.map((c) => c.categoryId)]);
    const topCategories = [...categoryIds]
      .map((categoryId) => ({
        categoryId,
        count: itemsOf(cells.filter((c) => c.categoryId === categoryId)),
        previousCount: itemsOf(previous.filter((c) => c.categoryId === categoryId)),
      }))
      .sort((a, b) => b.count - a.count || b.previousCount - a.previousCount || a.categoryId.localeCompare(b.categoryId))
      .slice(0, 10);

    const byUnit = new Map<string, BranchVocRow>();
    for (const c of byBranchKind) {
      const unit = this.unitOf(c.branchId, scope.rootId);
      if (!unit) continue;
      const row = byUnit.get(unit) ?? { branchId: unit, praise: 0, problems: 0, suggestions: 0, complaints: 0, total: 0 };
      if (c.kind === 'PRAISE') row.praise += c.items;
      if (c.kind === 'PROBLEM') row.problems += c.items;
      if (c.kind === 'SUGGESTION') row.suggestions += c.items;
      row.complaints += c.complaints;
      row.total += c.items;
      byUnit.set(unit, row);
    }

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
        and(gte(actions.dueAt, range.start), lt(actions.dueAt, range.end), branchIds ? inArray(actions.branchId, branchIds) : undefined),
      );
    const outcomes = due.map((a) => actionOutcome(a, now));
    const quoteGroups = await this.quoteGroups(db, cells, start, end, branchIds);
    return {
      month,
      branchId: scope.branchId,
      generatedAt: now,
      praise: ofKind('PRAISE'),
      problems: ofKind('PROBLEM'),
      suggestions: ofKind('SUGGESTION'),
      complaints: cells.reduce((s, c) => s + c.complaints, 0),
      total: itemsOf(cells),
      byChannel: CHANNELS.map((channel) => ({ channel, count: itemsOf(cells.filter((c) => c.channel === channel)) })),
      topCategories,
      byBranch: [...byUnit.values()].sort((a, b) => b.total - a.total || this.codeOf(a.branchId).localeCompare(this.codeOf(b.branchId))),
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
      kpis: await this.kpiReport(branchIds, start, end),
      ...(await this.loopPerformance(db, scope, { from: start, to: end }, now.getTime())),
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
    const picks: { kind: Kind; categoryId: string; size: number; id: string }[] = [];
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

  // ------------------------------------------------------------------------------------------
  // Publishing
  // ------------------------------------------------------------------------------------------

  /** The sections a published report holds: the whole bank, each 分行, and each branch manager's subtree. */
  private async sectionScopes(): Promise<Map<string, ReportScope>> {
    const db = this.deps.store.read;
    const roots = new Set(
      this.deps.org
        .list()
        .filter((b) => b.level === 'BRANCH')
        .map((b) => b.id),
    );
    for (const u of await db
      .select({ branchId: users.branchId })
      .from(users)
      .where(and(eq(users.role, 'BRANCH_MANAGER'), eq(users.active, true))))
      if (u.branchId && this.deps.org.get(u.branchId)) roots.add(u.branchId);
    const scopes = new Map<string, ReportScope>([[BANK_SECTION, { branchIds: null, rootId: this.headOffice(), branchId: null }]]);
    for (const id of roots) scopes.set(id, { branchIds: [...this.deps.org.subtree(id)], rootId: id, branchId: id });
    return scopes;
  }

  /** The figures of a report that a new version compares, with their Chinese labels. */
  private figures(r: VocReportData, names: ReadonlyMap<string, string>): Map<string, { label: string; value: number | null }> {
    const f = new Map<string, { label: string; value: number | null }>();
    const put = (key: string, label: string, value: number | null) => f.set(key, { label, value });
    put('praise', LABELS.kind.PRAISE, r.praise);
    put('problems', LABELS.kind.PROBLEM, r.problems);
    put('suggestions', LABELS.kind.SUGGESTION, r.suggestions);
    put('complaints', '投诉', r.complaints);
    for (const c of r.byChannel) put(`channel:${c.channel}`, `渠道·${LABELS.channel[c.channel]}`, c.count);
    for (const c of r.topCategories) put(`category:${c.categoryId}`, `类别·${names.get(c.categoryId) ?? c.categoryId}`, c.count);
    for (const b of r.byBranch) put(`branch:${b.branchId}`, `机构·${this.deps.org.get(b.branchId)?.name ?? b.branchId}`, b.total);
    put('newProblems', '新增问题', r.newProblems.length);
    put('resolvedProblems', '已解决问题', r.resolvedProblems.length);
    put('innovations', '产品创新', r.innovations.length);
    put('actionsDue', '本月到期联动事项', r.actionsDue);
    put('actionsDoneOnTime', '按时完成', r.actionsDoneOnTime);
    put('actionsOverdue', '逾期', r.actionsOverdue);
    for (const a of r.kpis.assessments)
      put(`kpi:${a.kpi}`, LABELS.kpi[a.kpi], a.value === null ? null : Math.round(a.value * 10_000) / 10_000);
    return f;
  }

  /**
   * COORDINATOR: publishes a month that has ended as a new frozen version — the whole bank's report
   * and each branch's — saying what changed since the previous version, and tells everyone
   * (REPORT_PUBLISHED). BAD_USER_INPUT for a malformed or unfinished month.
   */
  async publish(viewer: Viewer, input: { month: string }): Promise<PublishedReportRef> {
    if (!roleMay(viewer.role, 'publishVocReport')) throw forbidden('Only the coordinator publishes the monthly report.');
    const range = monthRange(input.month);
    if (!range) throw badInput('input.month', 'input.month must be YYYY-MM, e.g. 2026-11.');
    if (range.end.getTime() > this.deps.clock.now().getTime())
      throw badInput('input.month', `${input.month} has not ended yet; it can be published from ${dayOf(range.end)}.`);
    const reports = new Map<string, VocReportData>();
    for (const [key, scope] of await this.sectionScopes()) reports.set(key, await this.computeVocReport(scope, input.month));
    const row = await write(this.deps, async (tx, emit, at) => {
      const last = await first(
        tx.select().from(publishedReports).where(eq(publishedReports.month, input.month)).orderBy(desc(publishedReports.version)).limit(1),
      );
      const before = last ? fromSnapshotJson<PublishedPayload>(last.payload) : null;
      const version = (last?.version ?? 0) + 1;
      const names = new Map((await tx.select({ id: categories.id, name: categories.name }).from(categories)).map((c) => [c.id, c.name]));
      const sections: PublishedPayload['sections'] = {};
      for (const [key, report] of reports) {
        const was = before?.sections[key]?.report;
        sections[key] = { report, changes: was ? changedFigures(this.figures(was, names), this.figures(report, names)) : [] };
      }
      const bank = sections[BANK_SECTION]!.changes;
      const summary = !last
        ? '首次发布'
        : bank.length
          ? `与第 ${last.version} 版相比 ${bank.length} 项变化：${bank
              .slice(0, 6)
              .map((c) => `${c.label} ${c.before ?? '—'} → ${c.after ?? '—'}`)
              .join('；')}${bank.length > 6 ? ' 等' : ''}`
          : `与第 ${last.version} 版相比没有变化`;
      const inserted = (await first(
        tx
          .insert(publishedReports)
          .values({ month: input.month, version, payload: toSnapshotJson({ sections }), publishedBy: viewer.id, publishedAt: at, summary })
          .returning(),
      ))!;
      // A bank-wide notice: no problem, no branch — every signed-in user hears of it.
      await emit({ type: 'REPORT_PUBLISHED', actorId: viewer.id, note: `每月客户之声 ${input.month} 第 ${version} 版已发布` });
      return inserted;
    });
    return { ...row, sectionKey: this.sectionKeyFor(viewer, null) };
  }

  private sectionKeyFor(viewer: Viewer, branchId: string | null | undefined): string {
    if (branchId) {
      if (viewer.scope && !viewer.scope.has(branchId)) throw notFound('Branch', branchId);
      return branchId;
    }
    return viewer.scope ? (viewer.branchId ?? BANK_SECTION) : BANK_SECTION;
  }

  private refColumns = {
    id: publishedReports.id,
    month: publishedReports.month,
    version: publishedReports.version,
    publishedBy: publishedReports.publishedBy,
    publishedAt: publishedReports.publishedAt,
    summary: publishedReports.summary,
  };

  /** A published version (the latest without `version`) as the viewer reads it, or null when none. */
  async published(viewer: Viewer, month: string, version?: number | null, branchId?: string | null): Promise<PublishedReportRef | null> {
    if (!monthRange(month)) throw badInput('month', 'month must be YYYY-MM, e.g. 2026-11.');
    const sectionKey = this.sectionKeyFor(viewer, branchId);
    const row = await first(
      this.deps.store.read
        .select(this.refColumns)
        .from(publishedReports)
        .where(and(eq(publishedReports.month, month), version ? eq(publishedReports.version, version) : undefined))
        .orderBy(desc(publishedReports.version))
        .limit(1),
    );
    return row ? { ...row, sectionKey } : null;
  }

  /** Every published version, newest first; of one month when given. */
  async publishedList(viewer: Viewer, month?: string | null): Promise<PublishedReportRef[]> {
    if (month && !monthRange(month)) throw badInput('month', 'month must be YYYY-MM, e.g. 2026-11.');
    const sectionKey = this.sectionKeyFor(viewer, null);
    return (
      await this.deps.store.read
        .select(this.refColumns)
        .from(publishedReports)
        .where(month ? eq(publishedReports.month, month) : undefined)
        .orderBy(desc(publishedReports.month), desc(publishedReports.version))
    ).map((r) => ({ ...r, sectionKey }));
  }

  /** The frozen report and its changes, for the section the reference names; NOT_FOUND when it has none. */
  async publishedSection(ref: PublishedReportRef): Promise<{ report: VocReportData; changes: ReportChange[] }> {
    let payload = this.payloads.get(ref.id);
    if (!payload) {
      const row = await first(
        this.deps.store.read.select({ payload: publishedReports.payload }).from(publishedReports).where(eq(publishedReports.id, ref.id)),
      );
      if (!row) throw notFound('Published report');
      payload = fromSnapshotJson<PublishedPayload>(row.payload);
      // Published versions never change: keep the last few parsed.
      if (this.payloads.size >= 8) this.payloads.delete(this.payloads.keys().next().value!);
      this.payloads.set(ref.id, payload);
    }
    const section = payload.sections[ref.sectionKey];
    if (!section) throw notFound('Published report section', ref.sectionKey);
    return section;
  }

  /** The report an export shows: a published version when asked for, else the live report. */
  async reportFor(viewer: Viewer, month: string, branchId: string | null, version: number | null): Promise<VocReportData> {
    if (version === null) return this.vocReport(viewer, month, branchId);
    const ref = await this.published(viewer, month, version, branchId);
    if (!ref) throw notFound('Published report', `${month} v${version}`);
    return (await this.publishedSection(ref)).report;
  }

  /**
   * The report an export or the printable page shows (a published version when asked for, else the
   * live one) with the names it needs and the viewer's masking of personal data.
   */
  async exportView(
    viewer: Viewer,
    month: string,
    branchId: string | null,
    version: number | null,
  ): Promise<{ report: VocReportData; names: ReportNames }> {
    const report = await this.reportFor(viewer, month, branchId, version);
    const categoryNames = new Map(
      (await this.deps.store.read.select({ id: categories.id, name: categories.name }).from(categories)).map((c) => [c.id, c.name]),
    );
    const branchName = (id: string) => this.deps.org.get(id)?.name ?? id;
    return {
      report,
      names: {
        scope: report.branchId ? branchName(report.branchId) : '全行',
        version,
        category: (id) => categoryNames.get(id) ?? id,
        branch: branchName,
        quoteText: (row) => (canSeePersonalData(viewer, row.recordedBy) ? row.text : maskPersonalData(row.text)),
        staffText: staffTextFor(viewer),
      },
    };
  }

  // ------------------------------------------------------------------------------------------
  // The linkage table of one problem
  // ------------------------------------------------------------------------------------------

  /**
   * A problem's linkage table (总、分行联动服务表) as the viewer may see it: NOT_FOUND outside their
   * scope; a branch manager sees only their subtree's rows.
   */
  async linkageTable(viewer: Viewer, problemId: string) {
    const db = this.deps.store.read;
    const id = idOf('problemId', problemId, 'Problem');
    const problem = await findProblem(db, id);
    if (!problem || (viewer.scope && !(await problemConcerns(db, id, viewer.scope)))) throw notFound('Problem', problemId);
    const rows = (await actionsOfProblems(db, [id])).filter(
      (a: ActionRow) => !viewer.scope || (a.branchId !== null && viewer.scope.has(a.branchId)),
    );
    const updates = await updatesOfActions(
      db,
      rows.map((a) => a.id),
    );
    const extensions = await latestExtensions(
      db,
      rows.map((a) => a.id),
    );
    const people = new Map(
      (await usersByIds(db, [...new Set([problem.createdBy, ...updates.map((u) => u.authorId)])])).map((u) => [u.id, u.displayName]),
    );
    const departmentNames = new Map(
      (await db.select({ id: departments.id, name: departments.name }).from(departments)).map((d) => [d.id, d.name]),
    );
    return {
      problem,
      category:
        (await first(db.select({ name: categories.name }).from(categories).where(eq(categories.id, problem.categoryId))))?.name ?? '',
      diagnosis: (await first(db.select().from(diagnoses).where(eq(diagnoses.problemId, id)))) ?? null,
      consultation: (await first(db.select().from(consultations).where(eq(consultations.problemId, id)))) ?? null,
      actions: rows.map((a) => ({
        action: a,
        owner: a.branchId ? (this.deps.org.get(a.branchId)?.name ?? '') : (departmentNames.get(a.departmentId ?? '') ?? ''),
        updates: updates.filter((u) => u.actionId === a.id).map((u) => ({ ...u, author: people.get(u.authorId) ?? '' })),
        extension: extensions.get(a.id) ?? null,
      })),
      createdBy: people.get(problem.createdBy) ?? '',
    };
  }

  // ------------------------------------------------------------------------------------------
  // Contact records
  // ------------------------------------------------------------------------------------------

  /** Stores a batch of contact records (at most 10,000), all or nothing, with their KPI rollups. */
  async recordContacts(viewer: Viewer, records: ContactFields[]): Promise<number> {
    if (!roleMay(viewer.role, 'recordContacts')) throw forbidden('Only analysts and administrators record contacts.');
    if (records.length > MAX_CONTACTS_PER_CALL) throw badInput('input.records', `At most ${MAX_CONTACTS_PER_CALL} records a call.`);
    const now = this.deps.clock.now();
    const rows = records.map((r, i) => {
      const field = `input.records[${i}]`;
      const offeredAt = validDate(`${field}.offeredAt`, r.offeredAt);
      if (offeredAt.getTime() > now.getTime() + 5 * 60_000)
        throw badInput(`${field}.offeredAt`, `${field}.offeredAt may not be in the future.`);
      if (!Number.isInteger(r.waitSeconds) || r.waitSeconds < 0 || r.waitSeconds > 86_400)
        throw badInput(`${field}.waitSeconds`, `${field}.waitSeconds must be between 0 and 86400.`);
      if (r.firstResponseSeconds != null && (r.firstResponseSeconds < 0 || r.firstResponseSeconds > 86_400))
        throw badInput(`${field}.firstResponseSeconds`, `${field}.firstResponseSeconds must be between 0 and 86400.`);
      if (r.satisfaction != null && (r.satisfaction < 1 || r.satisfaction > 5))
        throw badInput(`${field}.satisfaction`, `${field}.satisfaction must be 1 to 5.`);
      if (r.branchId && !this.deps.org.get(r.branchId)) throw badInput(`${field}.branchId`, `${field}.branchId is not a branch.`);
      if (r.customerRef && r.customerRef.length > 64)
        throw badInput(`${field}.customerRef`, `${field}.customerRef may have at most 64 characters.`);
      return {
        channel: r.channel,
        branchId: r.branchId ?? null,
        offeredAt,
        answered: r.answered,
        waitSeconds: r.waitSeconds,
        firstResponseSeconds: r.firstResponseSeconds ?? null,
        transferred: r.transferred,
        workOrder: r.workOrder,
        complaint: r.complaint,
        satisfaction: r.satisfaction ?? null,
        customerRef: r.customerRef?.trim() || null,
      };
    });
    if (!rows.length) return 0;
    await this.deps.store.transaction(async (tx) => {
      const lastId = (await first(tx.select({ id: sql<number>`coalesce(max(${contactRecords.id}), 0)` }).from(contactRecords)))?.id ?? 0;
      for (let i = 0; i < rows.length; i += 500) await tx.insert(contactRecords).values(rows.slice(i, i + 500));
      await addContactsToRollup(tx, this.kpi, lastId);
    });
    return rows.length;
  }
}
