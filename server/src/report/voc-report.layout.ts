import type { FeedbackRow } from '../feedback/index.js';
import { NARRATIVE_SECTIONS, type NarrativeText } from './report-narrative.rules.js';
import type { ProblemRow } from '../loop/index.js';
import type { VocReportData } from './voc-report.service.js';
import { LABELS } from './report.labels.js';

/** How a cell is shown: a count, a share (0.0%), days (0.0), a date-time, or text. */
export type CellFormat = 'int' | 'pct' | 'days' | 'date' | 'text';
export type Cell = string | number | Date | null;

/** One section of the report as a table: a sheet of the workbook, a block of the CSV, a table of the page. */
export interface ReportTable {
  key: string;
  title: string;
  columns: { header: string; format: CellFormat; width: number }[];
  rows: Cell[][];
}

/** What a report's ids are called, and how a quote reads for the viewer (masked or not). */
export interface ReportNames {
  scope: string;
  category(id: string): string;
  branch(id: string): string;
  quoteText(row: FeedbackRow): string;
  /** Staff-written text (titles) as the viewer may read it. */
  staffText(text: string): string;
  version: number | null;
  /** A published version's narrative (the analysts' sections), printed before the figures. */
  narrative?: NarrativeText | null;
}

/** A column of a section: its header, how its cells show, and its cell for each item of the section. */
interface Column<T> {
  header: string;
  format: CellFormat;
  width: number;
  cell: (item: T, index: number) => Cell;
}

const col = <T>(header: string, format: CellFormat, cell: (item: T, index: number) => Cell, width = 12): Column<T> => ({
  header,
  format,
  width,
  cell,
});

/** A section with a row for each item, each column giving its cell beside its header. */
function table<T>(key: string, title: string, items: readonly T[], columns: readonly Column<T>[]): ReportTable {
  return {
    key,
    title,
    columns: columns.map(({ header, format, width }) => ({ header, format, width })),
    rows: items.map((item, i) => columns.map((c) => c.cell(item, i))),
  };
}

/** Complaints by JR/T 0169 code in one cell: `A0101×B03×C01：2；…`, in code order. */
const codeCounts = (counts: readonly { channelCode: string; businessCode: string; causeCode: string; count: number }[]): string =>
  counts.map((c) => `${c.channelCode}×${c.businessCode}×${c.causeCode}：${c.count}`).join('；');

const change = (now: number, before: number): number | null => (before > 0 ? (now - before) / before : null);

function problemTable(key: string, title: string, rows: readonly ProblemRow[], names: ReportNames): ReportTable {
  return table(key, title, rows, [
    col('问题编号', 'text', (p) => p.code, 18),
    col('问题标题', 'text', (p) => names.staffText(p.title), 40),
    col('业务类别', 'text', (p) => names.category(p.categoryId)),
    col('状态', 'text', (p) => LABELS.problemStatus[p.status], 10),
    col('严重程度', 'text', (p) => LABELS.severity[p.severity], 10),
    col('立项时间', 'date', (p) => p.createdAt, 18),
    col('解决时间', 'date', (p) => p.resolvedAt, 18),
  ]);
}

/**
 * The monthly report as tables, one per section, with Chinese headers: the shared source of the
 * workbook, the CSV and the printable page, so that all three show the same figures.
 */
export function reportTables(r: VocReportData, names: ReportNames): ReportTable[] {
  const k = r.kpis;
  const summary: [string, Cell][] = [
    ['报告月份', r.month],
    ['范围', names.scope],
    ['版本', names.version === null ? '实时数据（未发布）' : `第 ${names.version} 版`],
    ['生成时间', r.generatedAt],
    ['赞扬之声', r.praise],
    ['问题之声', r.problems],
    ['建议之声', r.suggestions],
    ['客户之声合计', r.total],
    ['其中投诉', r.complaints],
    ['新增问题', r.newProblems.length],
    ['已解决问题', r.resolvedProblems.length],
    ['本月到期联动事项', r.actionsDue],
    ['按时完成', r.actionsDoneOnTime],
    ['逾期完成', r.actionsDoneLate],
    ['未按时完成（含逾期完成）', r.actionsOverdue],
    ['未到期', r.actionsPending],
    ['产品创新', r.innovations.length],
    ['来电/会话量', k.contacts],
    // Callbacks (回访) closed in the month; absent from versions published before they existed.
    ...(k.callbacks
      ? ([
          ['回访结案', k.callbacks.closed],
          ['回访接通', k.callbacks.reached],
          ['回访未接通', k.callbacks.unreachable],
          ['回访满意', k.callbacks.satisfied],
          ['回访基本满意', k.callbacks.partly],
          ['回访不满意', k.callbacks.notSatisfied],
        ] as [string, Cell][])
      : []),
  ];
  const narrative = names.narrative ? NARRATIVE_SECTIONS.filter(([key]) => names.narrative![key]) : [];
  return [
    ...(narrative.length
      ? [
          table('narrative', '月度分析', narrative, [
            col('章节', 'text', ([, heading]) => heading, 14),
            col('内容', 'text', ([key]) => names.staffText(names.narrative![key]), 100),
          ]),
        ]
      : []),
    table('summary', '概览', summary, [col('项目', 'text', ([label]) => label, 24), col('数值', 'int', ([, value]) => value, 20)]),
    table('channels', '渠道分布', r.byChannel, [
      col('渠道', 'text', (c) => LABELS.channel[c.channel], 14),
      col('客户之声数量', 'int', (c) => c.count, 14),
      col('占比', 'pct', (c) => (r.total ? c.count / r.total : null), 10),
    ]),
    table('categories', '问题类别', r.topCategories, [
      col('业务类别', 'text', (c) => names.category(c.categoryId), 14),
      col('本月', 'int', (c) => c.count),
      col('上月', 'int', (c) => c.previousCount),
      col('环比', 'pct', (c) => change(c.count, c.previousCount), 10),
    ]),
    table('branches', '机构分布', r.byBranch, [
      col('机构', 'text', (b) => names.branch(b.branchId), 20),
      col('赞扬之声', 'int', (b) => b.praise),
      col('问题之声', 'int', (b) => b.problems),
      col('建议之声', 'int', (b) => b.suggestions),
      col('投诉', 'int', (b) => b.complaints),
      col('合计', 'int', (b) => b.total),
    ]),
    table('kpis', '服务指标', k.assessments, [
      col('指标', 'text', (a) => LABELS.kpi[a.kpi], 14),
      col('本月', 'pct', (a) => a.value, 10),
      col('目标', 'pct', (a) => a.target, 10),
      col('方向', 'text', (a) => (a.higherIsBetter ? '越高越好' : '越低越好'), 10),
      col('是否达标', 'text', (a) => (a.meetsTarget === null ? '无数据' : a.meetsTarget ? '达标' : '未达标'), 10),
    ]),
    problemTable('newProblems', '新增问题', r.newProblems, names),
    problemTable('resolvedProblems', '已解决问题', r.resolvedProblems, names),
    problemTable('innovations', '产品创新', r.innovations, names),
    table('quotes', '代表性原声', r.quoteGroups, [
      col('类型', 'text', (g) => LABELS.kind[g.kind], 10),
      col('业务类别', 'text', (g) => names.category(g.categoryId)),
      col('同类数量', 'int', (g) => g.size, 10),
      col('客户原声', 'text', (g) => names.quoteText(g.quote), 60),
      col('渠道', 'text', (g) => LABELS.channel[g.quote.channel], 10),
      col('机构', 'text', (g) => names.branch(g.quote.branchId), 20),
      col('时间', 'date', (g) => g.quote.receivedAt, 18),
    ]),
    table('league', '分行联动排行', r.league, [
      col('排名', 'int', (_, i) => i + 1, 6),
      col('机构', 'text', (l) => names.branch(l.branchId), 20),
      col('分派', 'int', (l) => l.assigned, 8),
      col('确认', 'int', (l) => l.confirmed, 8),
      col('按时确认', 'int', (l) => l.confirmedOnTime, 10),
      col('按时率', 'pct', (l) => l.onTimeRate, 10),
      col('当前逾期', 'int', (l) => l.overdueNow, 10),
      col('曾被退回', 'int', (l) => l.returned, 10),
      col('申请延期', 'int', (l) => l.extensionsRequested, 10),
      col('确认用时中位数（天）', 'days', (l) => l.medianDaysToConfirm, 20),
      col('整改后复发', 'int', (l) => l.recurrences),
      col('收到投诉', 'int', (l) => l.complaintsReceived, 10),
      col('投诉当前逾期', 'int', (l) => l.complaintsOverdueNow, 12),
      // Absent from versions published before complaints were counted by code.
      col('投诉分类（A×B×C：件数）', 'text', (l) => codeCounts(l.complaintsByCode ?? []), 40),
      // Absent (an empty cell) from versions published before praise was counted per branch.
      col('客户赞扬', 'int', (l) => l.praise ?? null, 10),
    ]),
    table('cycleTimes', '环节周期', r.cycleTimes, [
      col('月份', 'text', (c) => c.month, 10),
      col('环节', 'text', (c) => LABELS.stage[c.stage], 16),
      col('业务类别', 'text', (c) => (c.categoryId === null ? '全部' : names.category(c.categoryId))),
      col('问题数', 'int', (c) => c.problems, 8),
      col('中位数（天）', 'days', (c) => c.medianDays, 14),
      col('90分位（天）', 'days', (c) => c.p90Days, 14),
    ]),
    table('rootCauses', '根因分析', r.rootCauses, [
      col('根本原因', 'text', (c) => LABELS.rootCause[c.rootCause], 14),
      col('问题数', 'int', (c) => c.count, 8),
      col('占比', 'pct', (c) => c.share, 10),
      col('累计占比', 'pct', (c) => c.cumulativeShare, 10),
      col('成果', 'text', (c) => c.outcomes.map((o) => `${LABELS.outcome[o.outcome]} ${o.count}`).join('、'), 40),
    ]),
  ];
}

/** The report's title line, e.g. `2026-11 每月客户之声（全行）第 2 版`. */
export function reportTitle(r: VocReportData, names: ReportNames): string {
  return `${r.month} 每月客户之声（${names.scope}）${names.version === null ? '' : `第 ${names.version} 版`}`;
}
