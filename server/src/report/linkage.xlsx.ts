import ExcelJS from 'exceljs';
import type { ReportExportService } from './report-export.service.js';
import { LABELS } from './report.labels.js';
import { excelValue, printSetup, writeTable } from './report.xlsx.js';
import { isOverdue } from '../loop/index.js';

export type LinkageData = Awaited<ReturnType<ReportExportService['linkageTable']>>;

const COLUMNS = 11;

/**
 * One evidence file as the signed sheet lists it: its name, size, who uploaded it when, and the
 * start of its SHA-256, so that a printed copy names exactly the file the hub holds.
 */
function fileLine(f: LinkageData['files'][number], text: (s: string) => string): string {
  const size = f.size >= 1024 * 1024 ? `${(f.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(f.size / 1024))} KB`;
  return `${text(f.fileName)}（${size}，${f.uploader} ${formatDate(f.uploadedAt)}，SHA-256 ${f.sha256.slice(0, 12)}）`;
}

/**
 * A problem's head-office/branch linkage table (总、分行联动服务表) as the sheet a branch prints and
 * signs: the problem and the consultation's conclusion, one row per action with its owner, due
 * date, status and progress, and lines for the signatures. `text` masks staff-written text for
 * viewers who may not read personal data.
 */
export async function linkageWorkbook(data: LinkageData, now: Date, text: (s: string) => string): Promise<Buffer> {
  const { problem, consultation, diagnosis } = data;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VOC Hub 客户之声联动平台';
  const title = `总、分行联动服务表 ${problem.code}`;
  wb.title = title;
  const sheet = wb.addWorksheet('联动服务表');
  sheet.mergeCells('A1:K1');
  const head = sheet.getCell('A1');
  head.value = title;
  head.font = { bold: true, size: 16 };
  head.alignment = { horizontal: 'center' };
  const info: [string, ExcelJS.CellValue][] = [
    ['问题编号', problem.code],
    ['问题标题', text(problem.title)],
    ['业务类别', data.category],
    ['严重程度', LABELS.severity[problem.severity]],
    ['当前状态', LABELS.problemStatus[problem.status]],
    ['立项人 / 时间', `${data.createdBy} / ${formatDate(problem.createdAt)}`],
    ['初诊意见', diagnosis ? text(diagnosis.summary) : ''],
    ['根本原因', consultation?.rootCause ? `${LABELS.rootCause[consultation.rootCause]}：${text(consultation.rootCauseDetail ?? '')}` : ''],
    ['整改方案', consultation?.remediationPlan ? text(consultation.remediationPlan) : ''],
    ['成果类型', consultation?.outcome ? LABELS.outcome[consultation.outcome] : ''],
    ['问题附件', data.files.map((f) => fileLine(f, text)).join('\n')],
  ];
  info.forEach(([label, value], i) => {
    const row = 3 + i;
    sheet.mergeCells(row, 2, row, COLUMNS);
    const l = sheet.getCell(row, 1);
    l.value = label;
    l.font = { bold: true };
    const v = sheet.getCell(row, 2);
    v.value = value;
    v.alignment = { wrapText: true, vertical: 'top' };
  });
  const headerRow = 3 + info.length + 1;
  writeTable(
    sheet,
    {
      columns: [
        { header: '序号', format: 'int', width: 6 },
        { header: '责任机构/部门', format: 'text', width: 18 },
        { header: '整改事项', format: 'text', width: 26 },
        { header: '具体要求', format: 'text', width: 34 },
        { header: '完成时限', format: 'date', width: 16 },
        { header: '状态', format: 'text', width: 10 },
        { header: '是否逾期', format: 'text', width: 9 },
        { header: '确认时间', format: 'date', width: 16 },
        { header: '退回次数', format: 'int', width: 9 },
        { header: '进展与佐证', format: 'text', width: 40 },
        { header: '佐证文件', format: 'text', width: 36 },
      ],
      rows: data.actions.map(({ action, owner, updates, extension, files }) => [
        action.position + 1,
        owner,
        text(action.title),
        text(action.description) +
          (extension ? `（延期申请：${LABELS.extension[extension.decision]}，至 ${formatDate(extension.requestedDueAt)}）` : ''),
        action.dueAt,
        LABELS.actionStatus[action.status],
        isOverdue(action, now) ? '是' : '否',
        action.confirmedAt,
        action.returnedCount,
        updates
          .filter((u) => u.note)
          .map((u) => `${formatDate(u.at)} ${u.author}【${LABELS.actionStatus[u.status]}】${text(u.note)}`)
          .join('\n'),
        files.map((f) => fileLine(f, text)).join('\n'),
      ]),
    },
    headerRow,
  );
  // A withdrawn row stays on the sheet the branch signs, struck through, so nobody signs for it.
  data.actions.forEach(({ action }, i) => {
    if (action.status !== 'CANCELLED') return;
    sheet.getRow(headerRow + 1 + i).eachCell((cell) => {
      cell.font = { ...cell.font, strike: true, color: { argb: 'FF808080' } };
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  let row = headerRow + data.actions.length + 2;
  for (const line of [
    '分行负责人（签字）：____________________    日期：____________',
    '总行客服中心（签字）：____________________    日期：____________',
  ]) {
    sheet.mergeCells(row, 1, row, COLUMNS);
    sheet.getCell(row, 1).value = line;
    row += 2;
  }
  printSetup(sheet, title, headerRow, true);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function formatDate(d: Date): string {
  const v = excelValue(d) as Date;
  return v.toISOString().slice(0, 16).replace('T', ' ');
}
