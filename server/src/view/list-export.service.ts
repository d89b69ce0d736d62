import { inArray } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import { canSeePersonalData, type Viewer } from '../core/viewer.rules.js';
import { seesAllInClear } from '../core/clear.rules.js';
import { maskPersonalData } from '../core/mask.rules.js';
import type { FeedbackService, FeedbackRow } from '../feedback/index.js';
import {
  branchIdsOfProblems,
  isOverdue,
  problems,
  type ProblemService,
  type ActionService,
  type ProblemRow,
  type ActionRow,
} from '../loop/index.js';
import { categories, departments } from '../org/index.js';
import { users } from '../user/index.js';
import { DOCUMENT_LABELS } from '../report/index.js';
import { complaintDaysLeft, type ComplaintService, type ComplaintRow } from '../complaint/index.js';
import type { ExportListCode } from './view.filter.js';

/** One cell of an exported list: text, a number, a date (shown as Beijing wall time), or empty. */
export type ListCell = string | number | Date | null;

export interface ListColumn {
  header: string;
  width: number;
  date?: boolean;
}

/** A list as the viewer may read it: its columns, and its rows in batches as they are read. */
export interface ListExport {
  title: string;
  columns: readonly ListColumn[];
  batches: AsyncGenerator<ListCell[][]>;
}

const FILE_TITLE: Record<ExportListCode, string> = {
  INBOX: '反馈收件箱',
  PROBLEMS: '问题看板',
  ACTIONS: '联动任务',
  COMPLAINTS: '投诉工单',
};

/** Small tables read once per export: every row of a batch finds its names here. */
async function namesOf(db: Db) {
  const [cats, deps, people] = await Promise.all([
    db.select({ id: categories.id, name: categories.name }).from(categories),
    db.select({ id: departments.id, name: departments.name }).from(departments),
    db.select({ id: users.id, name: users.displayName }).from(users),
  ]);
  const map = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { category: map(cats), department: map(deps), user: map(people) };
}

async function problemCodes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: problems.id, code: problems.code })
    .from(problems)
    .where(inArray(problems.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/**
 * A complaint's problem, as ComplaintCaseType.problem shows it: to a branch-scoped viewer only when
 * the problem concerns a branch of their subtree (a case of theirs may trace a problem of another's).
 */
async function visibleProblemCodes(db: Db, viewer: Viewer, ids: readonly string[]): Promise<Map<string, string>> {
  const codes = await problemCodes(db, ids);
  const scope = viewer.scope;
  if (!scope || !codes.size) return codes;
  const branches = await branchIdsOfProblems(db, [...codes.keys()]);
  return new Map([...codes].filter(([id]) => [...(branches.get(id) ?? [])].some((b) => scope.has(b))));
}

/**
 * The inbox, the problem board and the action lists as files (CSV, XLSX), with a list's filters:
 * the rows the list's own query selects for this viewer (the same scoping), read in keyset batches
 * and handed on as they are read, so that 100,000 rows take the memory of one batch. Text is
 * masked exactly as the API masks it: feedback text and customer reference unless the viewer may
 * see that item's personal data (canSeePersonalData), staff-written text (titles, reasons) unless
 * the role sees all in clear (the @Masked fields).
 */
export class ListExportService {
  constructor(
    private readonly deps: HubDeps,
    private readonly lists: { feedback: FeedbackService; problems: ProblemService; actions: ActionService; complaints: ComplaintService },
  ) {}

  /** The list's export; the filter is the list's filter input, already checked against its type. */
  async export(viewer: Viewer, list: ExportListCode, filter: Record<string, unknown>): Promise<ListExport> {
    const db = this.deps.store.read;
    // Scope and filter are checked before the first byte is sent: a refusal is still a clean 4xx.
    switch (list) {
      case 'INBOX':
        this.lists.feedback.queryFor(viewer, filter);
        return { title: FILE_TITLE[list], ...this.feedbackRows(viewer, db, this.lists.feedback.scan(viewer, filter)) };
      case 'PROBLEMS':
        this.lists.problems.queryFor(viewer, filter);
        return { title: FILE_TITLE[list], ...this.problemRows(viewer, db, this.lists.problems.scan(viewer, filter)) };
      case 'ACTIONS':
        this.lists.actions.queryFor(viewer, filter);
        return { title: FILE_TITLE[list], ...this.actionRows(viewer, db, this.lists.actions.scan(viewer, filter)) };
      case 'COMPLAINTS':
        this.lists.complaints.queryFor(viewer, filter);
        return { title: FILE_TITLE[list], ...this.complaintRows(viewer, db, this.lists.complaints.scan(viewer, filter)) };
    }
  }

  private feedbackRows(viewer: Viewer, db: Db, scan: AsyncGenerator<FeedbackRow[]>) {
    const org = this.deps.org;
    const shown = (f: FeedbackRow, v: string | null) => (v === null || canSeePersonalData(viewer, f.recordedBy) ? v : maskPersonalData(v));
    const columns: ListColumn[] = [
      { header: '编号', width: 30 },
      { header: '接收时间', width: 17, date: true },
      { header: '类型', width: 10 },
      { header: '渠道', width: 10 },
      { header: '投诉', width: 6 },
      { header: '分类', width: 12 },
      { header: '机构', width: 14 },
      { header: '客户之声', width: 60 },
      { header: '客户号', width: 16 },
      { header: '记录人', width: 10 },
      { header: '所属问题', width: 16 },
    ];
    async function* batches(): AsyncGenerator<ListCell[][]> {
      const names = await namesOf(db);
      for await (const rows of scan) {
        const codes = await problemCodes(
          db,
          rows.flatMap((f) => (f.problemId ? [f.problemId] : [])),
        );
        yield rows.map((f) => [
          f.id,
          f.receivedAt,
          DOCUMENT_LABELS.kind[f.kind],
          DOCUMENT_LABELS.channel[f.channel],
          f.complaint ? '是' : '否',
          names.category.get(f.categoryId) ?? f.categoryId,
          org.get(f.branchId)?.name ?? f.branchId,
          shown(f, f.text),
          shown(f, f.customerRef),
          f.recordedBy ? (names.user.get(f.recordedBy) ?? '') : '',
          f.problemId ? (codes.get(f.problemId) ?? '') : '',
        ]);
      }
    }
    return { columns, batches: batches() };
  }

  private problemRows(viewer: Viewer, db: Db, scan: AsyncGenerator<ProblemRow[]>) {
    const staff = (v: string | null) => (v === null || seesAllInClear(viewer.role) ? v : maskPersonalData(v));
    const columns: ListColumn[] = [
      { header: '问题编号', width: 16 },
      { header: '标题', width: 40 },
      { header: '状态', width: 10 },
      { header: '严重程度', width: 10 },
      { header: '分类', width: 12 },
      { header: '立项时间', width: 17, date: true },
      { header: '更新时间', width: 17, date: true },
      { header: '驳回原因', width: 30 },
    ];
    async function* batches(): AsyncGenerator<ListCell[][]> {
      const names = await namesOf(db);
      for await (const rows of scan)
        yield rows.map((p) => [
          p.code,
          staff(p.title),
          DOCUMENT_LABELS.problemStatus[p.status],
          DOCUMENT_LABELS.severity[p.severity],
          names.category.get(p.categoryId) ?? p.categoryId,
          p.createdAt,
          p.updatedAt,
          staff(p.dismissReason),
        ]);
    }
    return { columns, batches: batches() };
  }

  private actionRows(viewer: Viewer, db: Db, scan: AsyncGenerator<ActionRow[]>) {
    const org = this.deps.org;
    const now = this.deps.clock.now();
    const staff = (v: string | null) => (v === null || seesAllInClear(viewer.role) ? v : maskPersonalData(v));
    const columns: ListColumn[] = [
      { header: '问题编号', width: 16 },
      { header: '任务', width: 36 },
      { header: '责任机构/部室', width: 16 },
      { header: '状态', width: 10 },
      { header: '到期日', width: 17, date: true },
      { header: '逾期', width: 6 },
      { header: '说明', width: 40 },
      { header: '状态原因', width: 30 },
    ];
    async function* batches(): AsyncGenerator<ListCell[][]> {
      const names = await namesOf(db);
      for await (const rows of scan) {
        const codes = await problemCodes(
          db,
          rows.map((a) => a.problemId),
        );
        yield rows.map((a) => [
          codes.get(a.problemId) ?? '',
          staff(a.title),
          a.branchId ? (org.get(a.branchId)?.name ?? a.branchId) : a.departmentId ? (names.department.get(a.departmentId) ?? '') : '',
          DOCUMENT_LABELS.actionStatus[a.status],
          a.dueAt,
          isOverdue(a, now) ? '是' : '否',
          staff(a.description),
          staff(a.statusReason),
        ]);
      }
    }
    return { columns, batches: batches() };
  }

  private complaintRows(viewer: Viewer, db: Db, scan: AsyncGenerator<ComplaintRow[]>) {
    const org = this.deps.org;
    const now = this.deps.clock.now().getTime();
    // The customer's request and reference are masked as the API masks them (ComplaintCaseType.request, customerRef).
    const shown = (c: ComplaintRow, v: string | null) => (v === null || canSeePersonalData(viewer, c.createdBy) ? v : maskPersonalData(v));
    const columns: ListColumn[] = [
      { header: '工单编号', width: 30 },
      { header: '接收时间', width: 17, date: true },
      { header: '状态', width: 12 },
      { header: '属地机构', width: 14 },
      { header: '渠道代码', width: 10 },
      { header: '业务代码', width: 10 },
      { header: '原因代码', width: 10 },
      { header: '客户诉求', width: 60 },
      { header: '客户号', width: 16 },
      { header: '处理人', width: 10 },
      { header: '决定期限', width: 17, date: true },
      { header: '剩余天数', width: 8 },
      { header: '延期次数', width: 8 },
      { header: '所属问题', width: 16 },
    ];
    async function* batches(): AsyncGenerator<ListCell[][]> {
      const names = await namesOf(db);
      for await (const rows of scan) {
        const codes = await visibleProblemCodes(
          db,
          viewer,
          rows.flatMap((c) => (c.problemId ? [c.problemId] : [])),
        );
        yield rows.map((c) => [
          c.id,
          c.receivedAt,
          DOCUMENT_LABELS.complaintStatus[c.status],
          org.get(c.branchId)?.name ?? c.branchId,
          c.channelCode,
          c.businessCode,
          c.causeCode,
          shown(c, c.request),
          shown(c, c.customerRef),
          c.handlerId ? (names.user.get(c.handlerId) ?? '') : '',
          c.dueAt,
          c.runningDueAt ? complaintDaysLeft(c.runningDueAt.getTime(), now) : null,
          c.extensions,
          c.problemId ? (codes.get(c.problemId) ?? '') : '',
        ]);
      }
    }
    return { columns, batches: batches() };
  }
}
