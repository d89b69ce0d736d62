import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { WorkingCalendar } from '../core/calendar.rules.js';
import { monthRange } from '../core/period.rules.js';
import { badInput, notFound } from '../core/errors.js';
import { complaintFigures, quarterMonths, type ComplaintFacts, type ComplaintFigures } from './complaint.rules.js';
import type { ComplaintCode } from '../report/index.js';
import { complaintsReceivedIn, listComplaintCodes, type ComplaintRow } from './complaint.repository.js';

/** One code's figures: the code as the league table names it (report's ComplaintCode), one source. */
export interface ComplaintCodeFigures extends ComplaintCode {
  figures: ComplaintFigures;
}

export interface ComplaintStatistics {
  quarter: string;
  /** The subtree asked for; null: the viewer's whole scope. */
  branchId: string | null;
  from: Date;
  to: Date;
  /** The instant overdue was judged at (the hub clock when read). */
  asOf: Date;
  total: ComplaintFigures;
  /** By JR/T 0169-2018 (A) channel × (B) business × (C) cause, in code order. */
  byCode: ComplaintCodeFigures[];
  /** By the branch complained about, in branch code order. */
  byBranch: { branchId: string; branchCode: string; branchName: string; figures: ComplaintFigures }[];
}

const factsOf = (c: ComplaintRow): ComplaintFacts => ({
  status: c.status,
  receivedAt: c.receivedAt.getTime(),
  dueAt: c.dueAt.getTime(),
  decidedAt: c.decidedAt?.getTime() ?? null,
  reviewRequestedAt: c.reviewRequestedAt?.getTime() ?? null,
  reviewedAt: c.reviewedAt?.getTime() ?? null,
  reviewUpheld: c.reviewUpheld,
  closedAt: c.closedAt?.getTime() ?? null,
});

function groupFigures<K, F>(cases: readonly ComplaintRow[], keyOf: (c: ComplaintRow) => K, figures: (rows: ComplaintFacts[]) => F) {
  const groups = new Map<K, ComplaintFacts[]>();
  for (const c of cases) {
    const k = keyOf(c);
    const list = groups.get(k);
    if (list) list.push(factsOf(c));
    else groups.set(k, [factsOf(c)]);
  }
  return [...groups].map(([key, rows]) => ({ key, figures: figures(rows) }));
}

/**
 * The periodic complaint statistics the 办法 asks of a bank: a quarter's cases (by receipt, bank
 * time) counted by the three JR/T 0169-2018 axes and by branch, with the same scope as the VOC
 * report (a branch manager: their subtree; a branch outside it answers NOT_FOUND).
 */
export class ComplaintStatisticsService {
  constructor(
    private readonly deps: HubDeps,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** The branch ids a read covers: the viewer's scope, cut to a requested subtree (null: all). */
  private scopeOf(viewer: Viewer, branchId: string | null | undefined): string[] | null {
    if (!branchId) return viewer.scope ? [...viewer.scope] : null;
    if (viewer.scope && !viewer.scope.has(branchId)) throw notFound('Branch', branchId);
    if (!this.deps.org.get(branchId)) throw badInput('branchId', 'branchId is not a branch.');
    return [...this.deps.org.subtree(branchId)].filter((id) => !viewer.scope || viewer.scope.has(id));
  }

  /**
   * The complaint cases received in a month (bank time) in a report's scope, by code: what the
   * monthly VOC report counts of complaints besides the feedback flagged complaint.
   */
  async monthByCode(
    viewer: Viewer,
    month: string,
    branchId: string | null,
  ): Promise<(Omit<ComplaintCodeFigures, 'figures'> & { count: number })[]> {
    const range = monthRange(month);
    if (!range) return [];
    const cases = await complaintsReceivedIn(this.deps.store.read, range.start, range.end, this.scopeOf(viewer, branchId));
    return (await this.byCode(cases, (rows) => rows.length)).map(({ figures, ...codes }) => ({ ...codes, count: figures }));
  }

  /** Cases grouped by their (A, B, C) codes, with the codes' names, in code order. */
  private async byCode<F>(cases: readonly ComplaintRow[], figures: (rows: ComplaintFacts[]) => F) {
    const names = new Map((await listComplaintCodes(this.deps.store.read)).map((c) => [`${c.axis}:${c.code}`, c.name]));
    const name = (axis: string, code: string) => names.get(`${axis}:${code}`) ?? code;
    return groupFigures(cases, (c) => `${c.channelCode}\u001f${c.businessCode}\u001f${c.causeCode}`, figures)
      .map(({ key, figures: f }) => {
        const [channelCode, businessCode, causeCode] = key.split('\u001f') as [string, string, string];
        return {
          channelCode,
          channelName: name('CHANNEL', channelCode),
          businessCode,
          businessName: name('BUSINESS', businessCode),
          causeCode,
          causeName: name('CAUSE', causeCode),
          figures: f,
        };
      })
      .sort((a, b) => cmp(a.channelCode, b.channelCode) || cmp(a.businessCode, b.businessCode) || cmp(a.causeCode, b.causeCode));
  }

  async statistics(viewer: Viewer, quarter: string, branchId?: string | null): Promise<ComplaintStatistics> {
    const months = quarterMonths(quarter);
    const start = months && monthRange(months.first);
    const end = months && monthRange(months.next);
    if (!start || !end) throw badInput('quarter', 'quarter must be YYYY-Qn, e.g. 2026-Q4.');
    const branchIds = this.scopeOf(viewer, branchId);
    const db = this.deps.store.read;
    const cases = await complaintsReceivedIn(db, start.start, end.start, branchIds);
    const now = this.deps.clock.now().getTime();
    const figures = (rows: ComplaintFacts[]) => complaintFigures(rows, this.calendar, now);
    const byCode = await this.byCode(cases, figures);
    const byBranch = groupFigures(cases, (c) => c.branchId, figures)
      .map(({ key, figures: f }) => {
        const b = this.deps.org.get(key);
        return { branchId: key, branchCode: b?.code ?? key, branchName: b?.name ?? key, figures: f };
      })
      .sort((a, b) => cmp(a.branchCode, b.branchCode));
    return {
      quarter,
      branchId: branchId ?? null,
      from: start.start,
      to: end.start,
      asOf: new Date(now),
      total: figures(cases.map(factsOf)),
      byCode,
      byBranch,
    };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
