import type { FeedbackRow } from '../feedback/feedback.repository.js';
import type { ProblemRow } from '../loop/problem.repository.js';
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
}

const col = (header: string, format: CellFormat, width = 12) => ({ header, format, width });
const change = (now: number, before: number): number | null => (before > 0 ? (now - before) / before : null);

function problemTable(key: string, title: string, rows: readonly ProblemRow[], names: ReportNames): ReportTable {
  return {
    key,
    title,
    columns: [
      col('问题编号', 'text', 18),
      col('问题标题', 'text', 40),
      col('业务类别', 'text', 12),
      col('状态', 'text', 10),
      col('严重程度', 'text', 10),
      col('立项时间', 'date', 18),
      col('解决时间', 'date', 18),
    ],
    rows: rows.map((p) => [
      p.code,
      names.staffText(p.title),
      names.category(p.categoryId),
      LABELS.problemStatus[p.status],
      LABELS.severity[p.severity],
      p.createdAt,
      p.resolvedAt,
    ]),
  };
}

/**
 * The monthly report as tables, one per section, with Chinese headers: the shared source of the
 * workbook, the CSV and the printable page, so that all three show the same figures.
 */
export function reportTables(r: VocReportData, names: ReportNames): ReportTable[] {
  const k = r.kpis;
  return [
    {
      key: 'summary',
      title: '概览',
      columns: [col('项目', 'text', 24), col('数值', 'int', 20)],
      rows: [
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
      ],
    },
    {
      key: 'channels',
      title: '渠道分布',
      columns: [col('渠道', 'text', 14), col('客户之声数量', 'int', 14), col('占比', 'pct', 10)],
      rows: r.byChannel.map((c) => [LABELS.channel[c.channel], c.count, r.total ? c.count / r.total : null]),
    },
    {
      key: 'categories',
      title: '问题类别',
      columns: [col('业务类别', 'text', 14), col('本月', 'int'), col('上月', 'int'), col('环比', 'pct', 10)],
      rows: r.topCategories.map((c) => [names.category(c.categoryId), c.count, c.previousCount, change(c.count, c.previousCount)]),
    },
    {
      key: 'branches',
      title: '机构分布',
      columns: [
        col('机构', 'text', 20),
        col('赞扬之声', 'int'),
        col('问题之声', 'int'),
        col('建议之声', 'int'),
        col('投诉', 'int'),
        col('合计', 'int'),
      ],
      rows: r.byBranch.map((b) => [names.branch(b.branchId), b.praise, b.problems, b.suggestions, b.complaints, b.total]),
    },
    {
      key: 'kpis',
      title: '服务指标',
      columns: [
        col('指标', 'text', 14),
        col('本月', 'pct', 10),
        col('目标', 'pct', 10),
        col('方向', 'text', 10),
        col('是否达标', 'text', 10),
      ],
      rows: k.assessments.map((a) => [
        LABELS.kpi[a.kpi],
        a.value,
        a.target,
        a.higherIsBetter ? '越高越好' : '越低越好',
        a.meetsTarget === null ? '无数据' : a.meetsTarget ? '达标' : '未达标',
      ]),
    },
    problemTable('newProblems', '新增问题', r.newProblems, names),
    problemTable('resolvedProblems', '已解决问题', r.resolvedProblems, names),
    problemTable('innovations', '产品创新', r.innovations, names),
    {
      key: 'quotes',
      title: '代表性原声',
      columns: [
        col('类型', 'text', 10),
        col('业务类别', 'text', 12),
        col('同类数量', 'int', 10),
        col('客户原声', 'text', 60),
        col('渠道', 'text', 10),
        col('机构', 'text', 20),
        col('时间', 'date', 18),
      ],
      rows: r.quoteGroups.map((g) => [
        LABELS.kind[g.kind],
        names.category(g.categoryId),
        g.size,
        names.quoteText(g.quote),
        LABELS.channel[g.quote.channel],
        names.branch(g.quote.branchId),
        g.quote.receivedAt,
      ]),
    },
    {
      key: 'league',
      title: '分行联动排行',
      columns: [
        col('排名', 'int', 6),
        col('机构', 'text', 20),
        col('分派', 'int', 8),
        col('确认', 'int', 8),
        col('按时确认', 'int', 10),
        col('按时率', 'pct', 10),
        col('当前逾期', 'int', 10),
        col('曾被退回', 'int', 10),
        col('申请延期', 'int', 10),
        col('确认用时中位数（天）', 'days', 20),
        col('整改后复发', 'int', 12),
      ],
      rows: r.league.map((l, i) => [
        i + 1,
        names.branch(l.branchId),
        l.assigned,
        l.confirmed,
        l.confirmedOnTime,
        l.onTimeRate,
        l.overdueNow,
        l.returned,
        l.extensionsRequested,
        l.medianDaysToConfirm,
        l.recurrences,
      ]),
    },
    {
      key: 'cycleTimes',
      title: '环节周期',
      columns: [
        col('月份', 'text', 10),
        col('环节', 'text', 16),
        col('业务类别', 'text', 12),
        col('问题数', 'int', 8),
        col('中位数（天）', 'days', 14),
        col('90分位（天）', 'days', 14),
      ],
      rows: r.cycleTimes.map((c) => [
        c.month,
        LABELS.stage[c.stage],
        c.categoryId === null ? '全部' : names.category(c.categoryId),
        c.problems,
        c.medianDays,
        c.p90Days,
      ]),
    },
    {
      key: 'rootCauses',
      title: '根因分析',
      columns: [
        col('根本原因', 'text', 14),
        col('问题数', 'int', 8),
        col('占比', 'pct', 10),
        col('累计占比', 'pct', 10),
        col('成果', 'text', 40),
      ],
      rows: r.rootCauses.map((c) => [
        LABELS.rootCause[c.rootCause],
        c.count,
        c.share,
        c.cumulativeShare,
        c.outcomes.map((o) => `${LABELS.outcome[o.outcome]} ${o.count}`).join('、'),
      ]),
    },
  ];
}

/** The report's title line, e.g. `2026-11 每月客户之声（全行）第 2 版`. */
export function reportTitle(r: VocReportData, names: ReportNames): string {
  return `${r.month} 每月客户之声（${names.scope}）${names.version === null ? '' : `第 ${names.version} 版`}`;
}
