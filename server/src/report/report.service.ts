import { and, eq, gte, lt, inArray, ne, sql, count, desc, type SQL } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../auth/viewer.js';
import { feedback, CHANNELS, FEEDBACK_KINDS } from '../feedback/feedback.table.js';
import { problems, PROBLEM_STATUSES } from '../problem/problem.table.js';
import { actions } from '../action/action.table.js';
import { consultations } from '../consultation/consultation.table.js';
import { contactRecords } from '../kpi/contact.table.js';
import { badInput, forbidden } from '../core/errors.js';
import { validDate } from '../core/validate.js';
import { roleMay } from '../auth/permissions.rules.js';
import { concernsBranches } from '../problem/problem.repository.js';
import { kpiCounters } from '../kpi/kpi.repository.js';
import { computeKpis, SERVICE_LEVEL_SECONDS, RESPONSE_SECONDS, SATISFIED_FROM, type KpiValues } from '../kpi/kpi.rules.js';
import { monthRange, actionOutcome } from './report.rules.js';
import type { ProblemRow } from '../problem/problem.repository.js';
import type { FeedbackRow } from '../feedback/feedback.repository.js';
import type { BranchRow } from '../org/org.directory.js';

const MAX_CONTACTS_PER_CALL = 10_000;
export const CHINA_OFFSET_MINUTES = 8 * 60;

export interface ContactFields {
  channel: (typeof CHANNELS)[number];
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

/** The dashboard, the monthly VOC report and the contact records behind the KPIs. */
export class ReportService {
  constructor(private readonly deps: HubDeps) {}

  /** The branch ids a read covers: the viewer's scope, cut to a requested subtree. */
  private branchIds(viewer: Viewer, branchId: string | null | undefined): string[] | null {
    if (!branchId) return viewer.scope ? [...viewer.scope] : null;
    if (!this.deps.org.get(branchId)) throw badInput('branchId', 'branchId is not a branch.');
    const sub = [...this.deps.org.subtree(branchId)];
    return viewer.scope ? sub.filter((id) => viewer.scope!.has(id)) : sub;
  }

  kpis(branchIds: string[] | null, from: Date | null, to: Date | null): KpiValues {
    return computeKpis(
      kpiCounters(this.deps.store.read, {
        from,
        to,
        branchIds,
        serviceLevelSeconds: SERVICE_LEVEL_SECONDS,
        responseSeconds: RESPONSE_SECONDS,
        satisfiedFrom: SATISFIED_FROM,
      }),
    );
  }

  dashboard(viewer: Viewer, args: { branchId?: string | null; from?: Date | null; to?: Date | null }) {
    const db = this.deps.store.read;
    const branchIds = this.branchIds(viewer, args.branchId);
    const from = args.from ? validDate('from', args.from) : null;
    const to = args.to ? validDate('to', args.to) : null;
    const problemScope = branchIds ? concernsBranches(branchIds) : undefined;
    const statusRows = db.select({ status: problems.status, n: count() }).from(problems).where(problemScope).groupBy(problems.status).all();
    const fbConds: SQL[] = [];
    if (branchIds) fbConds.push(inArray(feedback.branchId, branchIds));
    if (from) fbConds.push(gte(feedback.receivedAt, from));
    if (to) fbConds.push(lt(feedback.receivedAt, to));
    const fbWhere = fbConds.length ? and(...fbConds) : undefined;
    const kindRows = db.select({ kind: feedback.kind, n: count() }).from(feedback).where(fbWhere).groupBy(feedback.kind).all();
    const channelRows = db.select({ channel: feedback.channel, n: count() }).from(feedback).where(fbWhere).groupBy(feedback.channel).all();
    const actionScope = branchIds ? inArray(actions.branchId, branchIds) : undefined;
    const now = this.deps.clock.now();
    const open =
      db
        .select({ n: count() })
        .from(actions)
        .where(and(actionScope, ne(actions.status, 'CONFIRMED')))
        .get()?.n ?? 0;
    const overdue =
      db
        .select({ n: count() })
        .from(actions)
        .where(and(actionScope, ne(actions.status, 'CONFIRMED'), lt(actions.dueAt, now)))
        .get()?.n ?? 0;
    return {
      problemsByStatus: PROBLEM_STATUSES.map((status) => ({ status, count: statusRows.find((r) => r.status === status)?.n ?? 0 })),
      feedbackByKind: FEEDBACK_KINDS.map((kind) => ({ kind, count: kindRows.find((r) => r.kind === kind)?.n ?? 0 })),
      feedbackByChannel: CHANNELS.map((channel) => ({ channel, count: channelRows.find((r) => r.channel === channel)?.n ?? 0 })),
      openActions: open,
      overdueActions: overdue,
      kpis: this.kpis(branchIds, from, to),
    };
  }

  /** The branch a feedback item counts under in the report: its 分行 (or the head office itself). */
  private reportingBranch(branchId: string): BranchRow | undefined {
    let b = this.deps.org.get(branchId);
    while (b && b.level !== 'BRANCH' && b.level !== 'HEAD_OFFICE' && b.parentId) b = this.deps.org.get(b.parentId);
    return b;
  }

  vocReport(viewer: Viewer, month: string, branchId?: string | null) {
    const range = monthRange(month, CHINA_OFFSET_MINUTES);
    if (!range) throw badInput('month', 'month must be YYYY-MM, e.g. 2026-11.');
    const db = this.deps.store.read;
    const branchIds = this.branchIds(viewer, branchId);
    const inBranches = branchIds ? inArray(feedback.branchId, branchIds) : undefined;
    const inMonth = and(gte(feedback.receivedAt, range.start), lt(feedback.receivedAt, range.end), inBranches);
    const kinds = db
      .select({ kind: feedback.kind, n: count(), complaints: sql<number>`coalesce(sum(${feedback.complaint}), 0)` })
      .from(feedback)
      .where(inMonth)
      .groupBy(feedback.kind)
      .all();
    const byKind = (k: string) => kinds.find((r) => r.kind === k)?.n ?? 0;
    const channels = db.select({ channel: feedback.channel, n: count() }).from(feedback).where(inMonth).groupBy(feedback.channel).all();
    const cats = db
      .select({ categoryId: feedback.categoryId, n: count() })
      .from(feedback)
      .where(inMonth)
      .groupBy(feedback.categoryId)
      .all();
    const prevCats = db
      .select({ categoryId: feedback.categoryId, n: count() })
      .from(feedback)
      .where(and(gte(feedback.receivedAt, range.previousStart), lt(feedback.receivedAt, range.start), inBranches))
      .groupBy(feedback.categoryId)
      .all();
    const byBranchRows = db
      .select({
        branchId: feedback.branchId,
        praise: sql<number>`sum(${feedback.kind} = 'PRAISE')`,
        problems: sql<number>`sum(${feedback.kind} = 'PROBLEM')`,
        suggestions: sql<number>`sum(${feedback.kind} = 'SUGGESTION')`,
        complaints: sql<number>`sum(${feedback.complaint})`,
      })
      .from(feedback)
      .where(inMonth)
      .groupBy(feedback.branchId)
      .all();
    const branchTotals = new Map<
      string,
      { branch: BranchRow; praise: number; problems: number; suggestions: number; complaints: number }
    >();
    for (const r of byBranchRows) {
      const branch = this.reportingBranch(r.branchId);
      if (!branch) continue;
      const t = branchTotals.get(branch.id) ?? { branch, praise: 0, problems: 0, suggestions: 0, complaints: 0 };
      t.praise += r.praise;
      t.problems += r.problems;
      t.suggestions += r.suggestions;
      t.complaints += r.complaints;
      branchTotals.set(branch.id, t);
    }
    const problemScope = branchIds ? concernsBranches(branchIds) : undefined;
    const newProblems = db
      .select()
      .from(problems)
      .where(and(gte(problems.createdAt, range.start), lt(problems.createdAt, range.end), problemScope))
      .orderBy(desc(problems.createdAt))
      .all();
    const resolvedProblems = db
      .select()
      .from(problems)
      .where(and(eq(problems.status, 'RESOLVED'), gte(problems.resolvedAt, range.start), lt(problems.resolvedAt, range.end), problemScope))
      .orderBy(desc(problems.resolvedAt))
      .all();
    const now = this.deps.clock.now();
    const due = db
      .select({ dueAt: actions.dueAt, confirmedAt: actions.confirmedAt })
      .from(actions)
      .where(
        and(gte(actions.dueAt, range.start), lt(actions.dueAt, range.end), branchIds ? inArray(actions.branchId, branchIds) : undefined),
      )
      .all();
    const outcomes = due.map((a) => actionOutcome(a, now));
    const innovations = db
      .select({ p: problems })
      .from(problems)
      .innerJoin(consultations, eq(consultations.problemId, problems.id))
      .where(
        and(
          eq(consultations.outcome, 'PRODUCT_INNOVATION'),
          lt(consultations.issuedAt, range.end),
          sql`(${problems.resolvedAt} IS NULL OR ${problems.resolvedAt} >= ${range.start.getTime()})`,
          ne(problems.status, 'DISMISSED'),
          problemScope,
        ),
      )
      .all()
      .map((r) => r.p);
    return {
      month,
      praise: byKind('PRAISE'),
      problems: byKind('PROBLEM'),
      suggestions: byKind('SUGGESTION'),
      complaints: kinds.reduce((s, r) => s + r.complaints, 0),
      byChannel: CHANNELS.map((channel) => ({ channel, count: channels.find((r) => r.channel === channel)?.n ?? 0 })),
      topCategories: cats
        .map((c) => ({ categoryId: c.categoryId, count: c.n, previousCount: prevCats.find((p) => p.categoryId === c.categoryId)?.n ?? 0 }))
        .sort((a, b) => b.count - a.count)
        .slice(0, 10),
      byBranch: [...branchTotals.values()].sort((a, b) => b.problems + b.praise + b.suggestions - (a.problems + a.praise + a.suggestions)),
      newProblems: newProblems as ProblemRow[],
      resolvedProblems: resolvedProblems as ProblemRow[],
      actionsDue: due.length,
      actionsDoneOnTime: outcomes.filter((o) => o === 'ON_TIME').length,
      actionsOverdue: outcomes.filter((o) => o === 'OVERDUE' || o === 'LATE').length,
      quotes: this.quotes(inMonth),
      innovations: innovations as ProblemRow[],
    };
  }

  /**
   * Representative quotes: for each kind, from its largest categories, the item whose length is
   * nearest the group's median — a typical voice rather than the newest or the loudest.
   */
  private quotes(inMonth: SQL | undefined): FeedbackRow[] {
    const db = this.deps.store.read;
    const picked: FeedbackRow[] = [];
    for (const kind of FEEDBACK_KINDS) {
      const top = db
        .select({ categoryId: feedback.categoryId, n: count() })
        .from(feedback)
        .where(and(inMonth, eq(feedback.kind, kind)))
        .groupBy(feedback.categoryId)
        .orderBy(desc(count()))
        .limit(2)
        .all();
      for (const group of top) {
        const sample = db
          .select()
          .from(feedback)
          .where(and(inMonth, eq(feedback.kind, kind), eq(feedback.categoryId, group.categoryId)))
          .orderBy(feedback.id)
          .limit(200)
          .all();
        const lengths = sample.map((f) => f.text.length).sort((a, b) => a - b);
        const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
        const best = sample.reduce<FeedbackRow | undefined>(
          (acc, f) => (!acc || Math.abs(f.text.length - median) < Math.abs(acc.text.length - median) ? f : acc),
          undefined,
        );
        if (best) picked.push(best);
      }
    }
    return picked;
  }

  /** Stores a batch of contact records (at most 10,000), all or nothing. */
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
      for (let i = 0; i < rows.length; i += 500)
        tx.insert(contactRecords)
          .values(rows.slice(i, i + 500))
          .run();
    });
    return rows.length;
  }
}
