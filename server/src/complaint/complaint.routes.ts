import { Router } from 'express';
import type { HubServices } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { exportErrors, exportViewerOf, reportWorkbook, sendDownload, XLSX, type ReportCell, type ReportTable } from '../report/index.js';
import type { ComplaintFigures } from './complaint.rules.js';
import type { ComplaintStatistics } from './complaint-statistics.service.js';

const FIGURE_COLUMNS: { header: string; format: 'int' | 'days'; width: number; of: (f: ComplaintFigures) => ReportCell }[] = [
  { header: '受理投诉', format: 'int', width: 10, of: (f) => f.received },
  { header: '15日内办结', format: 'int', width: 11, of: (f) => f.decidedWithin15Days },
  { header: '30日内办结', format: 'int', width: 11, of: (f) => f.decidedWithin30Days },
  { header: '60日内办结', format: 'int', width: 11, of: (f) => f.decidedWithin60Days },
  { header: '逾期', format: 'int', width: 8, of: (f) => f.overdue },
  { header: '撤回', format: 'int', width: 8, of: (f) => f.withdrawn },
  { header: '申请核实', format: 'int', width: 10, of: (f) => f.reviewRequested },
  { header: '核实维持', format: 'int', width: 10, of: (f) => f.reviewUpheld },
  { header: '核实变更', format: 'int', width: 10, of: (f) => f.reviewChanged },
  { header: '核实未结', format: 'int', width: 10, of: (f) => f.reviewPending },
  { header: '平均处理天数', format: 'days', width: 12, of: (f) => f.averageHandlingDays },
];
const figureColumns = FIGURE_COLUMNS.map(({ header, format, width }) => ({ header, format, width }));
const figureCells = (f: ComplaintFigures): ReportCell[] => FIGURE_COLUMNS.map((c) => c.of(f));

/** The quarter's statistics as the workbook's sheets: by code (A × B × C), by branch, and the total. */
export function statisticsTables(s: ComplaintStatistics, scopeName: string): ReportTable[] {
  const text = (header: string, width: number) => ({ header, format: 'text' as const, width });
  return [
    {
      key: 'byCode',
      title: '按分类编码',
      columns: [
        text('渠道代码(A)', 10),
        text('业务办理渠道', 16),
        text('业务代码(B)', 10),
        text('业务类别', 16),
        text('原因代码(C)', 10),
        text('投诉原因', 16),
        ...figureColumns,
      ],
      rows: s.byCode.map((r) => [
        r.channelCode,
        r.channelName,
        r.businessCode,
        r.businessName,
        r.causeCode,
        r.causeName,
        ...figureCells(r.figures),
      ]),
    },
    {
      key: 'byBranch',
      title: '按机构',
      columns: [text('机构代码', 10), text('被投诉机构', 18), ...figureColumns],
      rows: s.byBranch.map((r) => [r.branchCode, r.branchName, ...figureCells(r.figures)]),
    },
    {
      key: 'total',
      title: '合计',
      columns: [text('范围', 18), ...figureColumns],
      rows: [[scopeName, ...figureCells(s.total)]],
    },
  ];
}

/**
 * `GET /exports/complaints/2026-Q4.xlsx` (`?branchId=`): the quarter's regulatory statistics, with
 * the VOC export's sign-in, refusals and branch scope (a branch outside a branch manager's subtree
 * answers 404 NOT_FOUND) and its XLSX writer (text cells stay text, never formulas).
 */
export function complaintRoutes(services: HubServices): Router {
  const router = Router();
  router.get('/exports/complaints/:file', async (req, res) => {
    const m = /^(\d{4}-Q[1-4])\.xlsx$/.exec(req.params.file ?? '');
    if (!m) throw new AppError('NOT_FOUND', 'Export not found: use /exports/complaints/YYYY-Qn.xlsx.');
    const viewer = await exportViewerOf(services, req);
    const { branchId } = req.query;
    if (branchId !== undefined && typeof branchId !== 'string') throw new AppError('BAD_USER_INPUT', 'branchId must be one id.');
    const stats = await services.complaintStatistics.statistics(viewer, m[1]!, branchId ?? null);
    const scopeName = stats.branchId ? (services.deps.org.get(stats.branchId)?.name ?? stats.branchId) : '全部';
    const title = `投诉统计 ${stats.quarter} · ${scopeName}`;
    sendDownload(res, XLSX, `complaints-${stats.quarter}.xlsx`, await reportWorkbook(title, statisticsTables(stats, scopeName)));
  });
  router.use(exportErrors(services));
  return router;
}
