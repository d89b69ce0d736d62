import { toCsv, type CsvCell } from '../core/csv.js';
import type { Cell, CellFormat, ReportTable } from './voc-report.layout.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A cell for the CSV: shares and days as plain decimals (still numbers), dates as Beijing wall time. */
function csvCell(value: Cell, format: CellFormat): CsvCell {
  if (value instanceof Date) return new Date(value.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
  if (typeof value === 'number') return format === 'pct' ? Math.round(value * 10_000) / 10_000 : Math.round(value * 100) / 100;
  return value;
}

/**
 * The monthly report as CSV (written by core/csv.ts: formulas neutralised): one block per
 * section — its title, its header row, its rows — separated by an empty line.
 */
export function reportCsv(title: string, tables: readonly ReportTable[]): string {
  const rows: CsvCell[][] = [[title], []];
  for (const t of tables) {
    rows.push(
      [t.title],
      t.columns.map((c) => c.header),
    );
    for (const row of t.rows) rows.push(row.map((v, i) => csvCell(v, t.columns[i]?.format ?? 'text')));
    rows.push([]);
  }
  return toCsv(rows);
}
