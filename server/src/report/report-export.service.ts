import { eq } from 'drizzle-orm';
import type { NarrativeText } from './report-narrative.rules.js';
import { evidenceOfActions, evidenceOfProblems, type EvidenceRow } from '../evidence/index.js';
import type { HubDeps } from '../core/hub.js';
import { first } from '../core/sql.js';
import { notFound } from '../core/errors.js';
import { idOf } from '../core/validate.js';
import type { Viewer } from '../core/viewer.rules.js';
import { canSeePersonalData } from '../core/viewer.rules.js';
import { maskPersonalData } from '../core/mask.rules.js';
import { categories, departments } from '../org/index.js';
import {
  diagnoses,
  findProblem,
  problemConcerns,
  consultations,
  actionsOfProblems,
  updatesOfActions,
  latestExtensions,
  type ActionRow,
} from '../loop/index.js';
import { usersByIds } from '../user/index.js';
import type { ReportNames } from './voc-report.layout.js';
import type { ReportScopes } from './report.scope.js';
import type { VocReportData, VocReportService } from './voc-report.service.js';
import type { PublishedReportService } from './published-report.service.js';

/** Staff-written text (titles, notes, plans) as a viewer may read it: masked like feedback for all but analysts and coordinators. */
export function staffTextFor(viewer: Viewer): (text: string) => string {
  return canSeePersonalData(viewer, null) ? (text) => text : maskPersonalData;
}

/**
 * What the exports (XLSX, CSV) and the printable page show: the monthly report, live or published,
 * with the names it needs, and a problem's linkage table; each as the viewer may read it.
 */
export class ReportExportService {
  constructor(
    private readonly deps: HubDeps,
    private readonly scopes: ReportScopes,
    private readonly voc: VocReportService,
    private readonly published: PublishedReportService,
  ) {}

  /** The report an export shows: a published version when asked for, else the live report. */
  private async reportFor(
    viewer: Viewer,
    month: string,
    branchId: string | null,
    version: number | null,
  ): Promise<{ report: VocReportData; narrative: NarrativeText | null }> {
    if (version === null) return { report: await this.voc.vocReport(viewer, month, branchId), narrative: null };
    const ref = await this.published.published(viewer, month, version, branchId);
    if (!ref) throw notFound('Published report', `${month} v${version}`);
    return { report: (await this.published.section(ref)).report, narrative: await this.published.narrative(ref) };
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
    const { report, narrative } = await this.reportFor(viewer, month, branchId, version);
    const categoryNames = new Map(
      (await this.deps.store.read.select({ id: categories.id, name: categories.name }).from(categories)).map((c) => [c.id, c.name]),
    );
    const branchName = (id: string) => this.scopes.nameOf(id);
    return {
      report,
      names: {
        scope: report.branchId ? branchName(report.branchId) : '全行',
        version,
        category: (id) => categoryNames.get(id) ?? id,
        branch: branchName,
        quoteText: (row) => (canSeePersonalData(viewer, row.recordedBy) ? row.text : maskPersonalData(row.text)),
        staffText: staffTextFor(viewer),
        narrative,
      },
    };
  }

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
    // The files listed on the sheet: each row's proof, and the problem's own.
    const files = await evidenceOfActions(
      db,
      rows.map((a) => a.id),
    );
    const problemFiles = await evidenceOfProblems(db, 'PROBLEM', [id]);
    const people = new Map(
      (await usersByIds(db, [...new Set([problem.createdBy, ...updates.map((u) => u.authorId), ...files.map((f) => f.uploadedBy)])])).map(
        (u) => [u.id, u.displayName],
      ),
    );
    const fileOf = (f: EvidenceRow) => ({ ...f, uploader: people.get(f.uploadedBy) ?? '' });
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
        files: files.filter((f) => f.actionId === a.id).map(fileOf),
      })),
      files: problemFiles.map(fileOf),
      createdBy: people.get(problem.createdBy) ?? '',
    };
  }
}
