import { eq } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import { badInput, conflict, forbidden, invalidTransition } from '../core/errors.js';
import { roleMay } from '../core/permissions.rules.js';
import { first } from '../core/sql.js';
import { requiredText } from '../core/validate.js';
import { monthRange } from '../core/period.rules.js';
import { write, type Emit } from '../event/index.js';
import { reportNarratives, type NarrativeStatusCode } from './report-narrative.table.js';
import {
  NARRATIVE_SECTIONS,
  NARRATIVE_SECTION_MAX,
  cleanSection,
  narrativeStep,
  type NarrativeStep,
  type NarrativeText,
} from './report-narrative.rules.js';

export type NarrativeRow = typeof reportNarratives.$inferSelect;

/** The narrative as a published version froze it. */
export interface NarrativeSnapshot extends NarrativeText {
  updatedBy: string;
  updatedAt: string;
}

const RETURN_REASON_MAX = 2_000;
/** Who may read a month's working narrative: the contact center and head office, not the branches. */
const READERS = new Set(['ANALYST', 'COORDINATOR', 'ADMIN']);
const OPERATION = { save: 'saveReportNarrative', submit: 'submitReportNarrative', return: 'returnReportNarrative' } as const;
const STEP_NOTE: Record<NarrativeStep, string> = { save: '已保存', submit: '已提交审阅', return: '被退回修改', publish: '已随报告发布' };

/**
 * The monthly report as an analysis (issue 20): the analysts write the narrative beside the
 * figures (本月要点, 问题分析, 改进建议, 创新进展), send it for review, the coordinator edits or
 * returns it with a reason, and publishing the month's report freezes the reviewed narrative into
 * the version (PublishedReportService.publish calls freeze in its transaction). Every step is one
 * REPORT_NARRATIVE_CHANGED event (from → to status) and, as every mutation, an audit row; a
 * submission rings the coordinators' bell, a return the analyst's.
 */
export class ReportNarrativeService {
  constructor(private readonly deps: HubDeps) {}

  private monthOf(month: string): string {
    if (!monthRange(month)) throw badInput('input.month', 'month must be YYYY-MM, e.g. 2026-11.');
    return month;
  }

  /** A month's working narrative, or null when nobody has written one; FORBIDDEN for the branches. */
  async get(viewer: Viewer, month: string): Promise<NarrativeRow | null> {
    if (!READERS.has(viewer.role)) throw forbidden('The monthly analysis is read in its published version.');
    if (!monthRange(month)) throw badInput('month', 'month must be YYYY-MM, e.g. 2026-11.');
    return (await first(this.deps.store.read.select().from(reportNarratives).where(eq(reportNarratives.month, month)))) ?? null;
  }

  /** ANALYST (a draft) or COORDINATOR (under review): writes the sections; CONFLICT on a stale expectedVersion. */
  async save(
    viewer: Viewer,
    input: { month: string; expectedVersion?: number | null } & { [K in keyof NarrativeText]?: string | null },
  ): Promise<NarrativeRow> {
    const month = this.monthOf(input.month);
    const text: Partial<NarrativeText> = {};
    for (const [key] of NARRATIVE_SECTIONS) {
      const given = input[key];
      if (given === undefined || given === null) continue;
      const clean = cleanSection(given);
      if (clean === null) throw badInput(`input.${key}`, `${key} is longer than ${NARRATIVE_SECTION_MAX} characters.`);
      text[key] = clean;
    }
    if (!Object.keys(text).length) throw badInput('input', 'Give at least one section to save.');
    // Sections left out keep their text: step() starts from the row as it is.
    return this.step(viewer, month, 'save', input.expectedVersion, () => text);
  }

  /** ANALYST: sends a draft with some text for review. */
  async submit(viewer: Viewer, input: { month: string; expectedVersion: number }): Promise<NarrativeRow> {
    const month = this.monthOf(input.month);
    return this.step(viewer, month, 'submit', input.expectedVersion, (row) => {
      if (row && NARRATIVE_SECTIONS.every(([key]) => !row[key])) throw badInput('input.month', 'The analysis is empty: write it first.');
      return { submittedBy: viewer.id, returnReason: null };
    });
  }

  /** COORDINATOR: sends it back to the analysts with a reason. */
  async sendBack(viewer: Viewer, input: { month: string; expectedVersion: number; reason: string }): Promise<NarrativeRow> {
    const month = this.monthOf(input.month);
    const reason = requiredText('input.reason', input.reason, RETURN_REASON_MAX);
    return this.step(viewer, month, 'return', input.expectedVersion, () => ({ returnReason: reason }));
  }

  /**
   * In the publishing transaction: a narrative under review is frozen into the version and marked
   * published; any other (none, a draft not yet reviewed) is left out of it and unchanged.
   */
  async freeze(tx: Db, emit: Emit, viewer: Viewer, month: string, version: number): Promise<NarrativeSnapshot | null> {
    const row = await first(tx.select().from(reportNarratives).where(eq(reportNarratives.month, month)));
    if (!row || narrativeStep('publish', row.status, viewer.role) === null) return null;
    await tx
      .update(reportNarratives)
      .set({ status: 'PUBLISHED', publishedVersion: version, version: row.version + 1 })
      .where(eq(reportNarratives.month, month));
    await emit({
      type: 'REPORT_NARRATIVE_CHANGED',
      actorId: viewer.id,
      fromStatus: row.status,
      toStatus: 'PUBLISHED',
      note: `${month} 的分析${STEP_NOTE.publish}（第 ${version} 版）`,
    });
    return {
      highlights: row.highlights,
      analysis: row.analysis,
      recommendations: row.recommendations,
      innovation: row.innovation,
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private async step(
    viewer: Viewer,
    month: string,
    step: Exclude<NarrativeStep, 'publish'>,
    expectedVersion: number | null | undefined,
    change: (row: NarrativeRow | undefined) => Partial<NarrativeRow>,
  ): Promise<NarrativeRow> {
    const operation = OPERATION[step];
    if (!roleMay(viewer.role, operation)) throw forbidden('The analysts write the monthly analysis and the coordinator reviews it.');
    return write(this.deps, async (tx, emit, at) => {
      const row = await first(tx.select().from(reportNarratives).where(eq(reportNarratives.month, month)));
      const from: NarrativeStatusCode | null = row?.status ?? null;
      const to = narrativeStep(step, from, viewer.role);
      if (to === null) throw invalidTransition(from ?? 'NONE', operation);
      if (row && expectedVersion != null && expectedVersion !== row.version) throw conflict(row.version);
      if (!row && expectedVersion != null && expectedVersion !== 0) throw conflict(0);
      const changed = change(row);
      const next = {
        highlights: row?.highlights ?? '',
        analysis: row?.analysis ?? '',
        recommendations: row?.recommendations ?? '',
        innovation: row?.innovation ?? '',
        submittedBy: row?.submittedBy ?? null,
        returnReason: row?.returnReason ?? null,
        publishedVersion: row?.publishedVersion ?? null,
        ...changed,
        month,
        status: to,
        version: (row?.version ?? 0) + 1,
        updatedBy: step === 'save' || !row ? viewer.id : row.updatedBy,
        updatedAt: step === 'save' || !row ? at : row.updatedAt,
      };
      const saved = row
        ? (await first(tx.update(reportNarratives).set(next).where(eq(reportNarratives.month, month)).returning()))!
        : (await first(tx.insert(reportNarratives).values(next).returning()))!;
      const reason = step === 'return' ? `：${saved.returnReason ?? ''}` : '';
      await emit(
        {
          type: 'REPORT_NARRATIVE_CHANGED',
          actorId: viewer.id,
          fromStatus: from,
          toStatus: to,
          note: `${month} 的分析${STEP_NOTE[step]}${reason}`,
        },
        step === 'return' && row?.submittedBy ? { userIds: [row.submittedBy] } : {},
      );
      return saved;
    });
  }
}
