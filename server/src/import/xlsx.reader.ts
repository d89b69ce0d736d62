import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CsvRecord } from './csv.parser.js';

const BATCH = 1000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A cell as text. Excel date-times carry no time zone (exceljs reads them as UTC): they become
 * the wall-clock `YYYY-MM-DD HH:MM:SS` they show, which validation reads as bank time.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(
      value.getUTCMinutes(),
    )}:${pad(value.getUTCSeconds())}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return '';
  }
  return String(value);
}

/**
 * Rows of the first worksheet of an XLSX file, streamed (exceljs's WorkbookReader: the file is
 * never held as a whole workbook), in batches, with the sheet's own row numbers.
 */
export async function* readXlsx(input: Readable): AsyncGenerator<CsvRecord[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sheets = 0;
  for await (const worksheet of reader) {
    if (sheets++ > 0) {
      // Only the first sheet is data; the others are read through so that the stream ends cleanly.
      for await (const _row of worksheet) void _row;
      continue;
    }
    let batch: CsvRecord[] = [];
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const fields: string[] = [];
      for (let i = 1; i < values.length; i++) fields.push(cellText(values[i]));
      batch.push({ fields, row: row.number });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}
