import { stringify } from 'csv-stringify/sync';

/** A CSV cell as the hub holds it: text, a number, or empty. Dates are formatted by the caller. */
export type CsvCell = string | number | null;

/**
 * Rows as CSV for a spreadsheet (UTF-8 with a byte-order mark, so that Excel reads the Chinese;
 * CRLF between records): the one CSV writer of the hub, for every CSV it sends.
 *
 * Customers' and staff's words reach these files, and a spreadsheet evaluates a cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return (CSV injection, OWASP): such a text cell is
 * written with a leading `'`, which spreadsheets take as "text" (csv-stringify's `escape_formulas`,
 * which also covers the full-width ＝＋－＠). The decision goes by the cell's type, so a number
 * stays a number: -3 is written as -3, while the text "-3" becomes '-3.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  return stringify(rows as CsvCell[][], {
    // A file streamed in parts carries the mark in its first part only.
    bom: options.bom ?? true,
    record_delimiter: 'windows',
    // With an explicit record delimiter csv-stringify would leave a lone CR or LF unquoted, which
    // splits the record in every reader.
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}
