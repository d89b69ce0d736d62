import type { Cell, CellFormat, ReportTable } from './report.tables.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A cell as CSV text: shares and days as plain decimals, dates as Beijing wall time. */
function csvValue(value: Cell, format: CellFormat): string {
  if (value === null) return '';
  if (value instanceof Date) return new Date(value.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
  if (typeof value === 'number')
    return format === 'pct' ? String(Math.round(value * 10_000) / 10_000) : String(Math.round(value * 100) / 100);
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The monthly report as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese): one
 * block per section — its title, its header row, its rows — separated by an empty line.
 */
export function reportCsv(title: string, tables: readonly ReportTable[]): string {
  const lines = [csvValue(title, 'text'), ''];
  for (const t of tables) {
    lines.push(csvValue(t.title, 'text'));
    lines.push(t.columns.map((c) => csvValue(c.header, 'text')).join(','));
    for (const row of t.rows) lines.push(row.map((v, i) => csvValue(v, t.columns[i]?.format ?? 'text')).join(','));
    lines.push('');
  }
  return `\uFEFF${lines.join('\r\n')}`;
}
