import ExcelJS from 'exceljs';
import type { Cell, CellFormat, ReportTable } from './voc-report.layout.js';

const NUMBER_FORMATS: Record<CellFormat, string | undefined> = {
  int: '#,##0',
  pct: '0.0%',
  days: '0.0',
  date: 'yyyy-mm-dd hh:mm',
  text: undefined,
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A cell's value as Excel should hold it. Excel has no time zones: a date shows as Beijing wall time. */
export function excelValue(value: Cell): ExcelJS.CellValue {
  return value instanceof Date ? new Date(value.getTime() + CHINA_OFFSET_MS) : value;
}

/** Number format by the value's type: a column's format applies to its numbers, dates are always dates. */
export function excelFormat(value: Cell, format: CellFormat): string | undefined {
  if (value instanceof Date) return NUMBER_FORMATS.date;
  return typeof value === 'number' ? NUMBER_FORMATS[format] : undefined;
}

/** Writes a table at `firstRow` with a bold filled header; answers the header's row number. */
export function writeTable(sheet: ExcelJS.Worksheet, table: Pick<ReportTable, 'columns' | 'rows'>, firstRow = 1): number {
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(sheet.getColumn(i + 1).width ?? 0, c.width);
  });
  const header = sheet.getRow(firstRow);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  table.rows.forEach((values, r) => {
    const row = sheet.getRow(firstRow + 1 + r);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = excelValue(v);
      const fmt = excelFormat(v, table.columns[i]?.format ?? 'text');
      if (fmt) cell.numFmt = fmt;
      if (typeof v === 'string' && v.length > 30) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  return firstRow;
}

/** A4 pages, fitted to the width, the header row repeated on every printed page. */
export function printSetup(sheet: ExcelJS.Worksheet, title: string, headerRow: number, landscape: boolean): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddHeader: `&C${title}`, oddFooter: '&C第 &P 页，共 &N 页' };
}

/**
 * The monthly report as an XLSX workbook: a sheet per section with Chinese headers, frozen
 * header rows, filters, number formats (counts, 0.0 % shares, days) and A4 print setup.
 */
export async function reportWorkbook(title: string, tables: readonly ReportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VOC Hub 客户之声联动平台';
  wb.title = title;
  for (const t of tables) {
    const sheet = wb.addWorksheet(t.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    writeTable(sheet, t);
    if (t.rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + t.rows.length, column: t.columns.length } };
    printSetup(sheet, `${title} · ${t.title}`, 1, t.columns.length > 5);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
