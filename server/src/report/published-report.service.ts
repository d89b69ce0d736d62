import { and, desc, eq } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import { write } from '../event/index.js';
import { first } from '../core/sql.js';
import { badInput, forbidden, notFound } from '../core/errors.js';
import type { Viewer } from '../core/viewer.rules.js';
import { roleMay } from '../core/permissions.rules.js';
import { categories } from '../org/index.js';
import { users } from '../user/index.js';
import { dayOf, monthRange } from '../core/period.rules.js';
import { publishedReports } from './published-report.table.js';
import { changedFigures, fromSnapshotJson, toSnapshotJson, type ReportChange } from './report.rules.js';
import type { ReportScope, ReportScopes } from './report.scope.js';
import type { VocReportData, VocReportService } from './voc-report.service.js';
import { LABELS } from './report.labels.js';
import type { NarrativeSnapshot, ReportNarrativeService } from './report-narrative.service.js';

/** The whole bank's section of a published report. */
export const BANK_SECTION = '*';

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
  /** The analysts' narrative as reviewed, frozen with the figures; absent when none was under review. */
  narrative?: NarrativeSnapshot | null;
}

/**
 * Published monthly reports: frozen versions of the whole bank's report and of each branch's,
 * each saying what changed since the version before.
 */
export class PublishedReportService {
  private readonly payloads = new Map<number, PublishedPayload>();

  constructor(
    private readonly deps: HubDeps,
    private readonly scopes: ReportScopes,
    private readonly voc: VocReportService,
    private readonly narratives: ReportNarrativeService,
  ) {}

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
    const scopes = new Map<string, ReportScope>([[BANK_SECTION, this.scopes.bank()]]);
    for (const id of roots) scopes.set(id, this.scopes.subtree(id));
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
    for (const b of r.byBranch) put(`branch:${b.branchId}`, `机构·${this.scopes.nameOf(b.branchId)}`, b.total);
    put('newProblems', '新增问题', r.newProblems.length);
    put('resolvedProblems', '已解决问题', r.resolvedProblems.length);
    put('innovations', '产品创新', r.innovations.length);
    put('actionsDue', '本月到期联动事项', r.actionsDue);
    put('actionsDoneOnTime', '按时完成', r.actionsDoneOnTime);
    put('actionsOverdue', '逾期', r.actionsOverdue);
    for (const a of r.kpis.assessments)
      put(`kpi:${a.kpi}`, LABELS.kpi[a.kpi], a.value === null ? null : Math.round(a.value * 10_000) / 10_000);
    // Absent from versions published before callbacks (回访) existed.
    const cb = r.kpis.callbacks as VocReportData['kpis']['callbacks'] | undefined;
    if (cb) {
      const rate = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
      put('callbacks:closed', '回访结案', cb.closed);
      put('callbacks:reachRate', '回访接通率', rate(cb.reachRate));
      put('callbacks:satisfactionRate', '回访满意率', rate(cb.satisfactionRate));
    }
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
    for (const [key, scope] of await this.sectionScopes()) reports.set(key, await this.voc.forScope(scope, input.month));
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
      // A narrative under review is frozen into this version (the coordinator publishing is its review);
      // otherwise the version keeps the previous one's (a draft being revised is not yet reviewed).
      const narrative = (await this.narratives.freeze(tx, emit, viewer, input.month, version)) ?? before?.narrative ?? null;
      const inserted = (await first(
        tx
          .insert(publishedReports)
          .values({
            month: input.month,
            version,
            payload: toSnapshotJson({ sections, narrative }),
            publishedBy: viewer.id,
            publishedAt: at,
            summary,
          })
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

  /** The narrative frozen with a published version; null when it was published without one. */
  async narrative(ref: PublishedReportRef): Promise<NarrativeSnapshot | null> {
    return (await this.payloadOf(ref)).narrative ?? null;
  }

  /** The frozen report and its changes, for the section the reference names; NOT_FOUND when it has none. */
  async section(ref: PublishedReportRef): Promise<{ report: VocReportData; changes: ReportChange[] }> {
    const payload = await this.payloadOf(ref);
    const section = payload.sections[ref.sectionKey];
    if (!section) throw notFound('Published report section', ref.sectionKey);
    return section;
  }

  private async payloadOf(ref: PublishedReportRef): Promise<PublishedPayload> {
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
    return payload;
  }
}
