import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCsv, type CsvRecord } from '../../../server/src/import/csv.parser.js';

async function parse(chunks: (string | Buffer)[], encoding?: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of parseCsv(
    (async function* () {
      yield* chunks;
    })(),
    encoding,
  ))
    out.push(...batch);
  return out;
}

const fieldsOf = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('RFC 4180', () => {
  const table: [string, string, string[][]][] = [
    [
      'plain fields, CRLF',
      'a,b,c\r\n1,2,3\r\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'LF only, no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CR only',
      'a,b\r1,2\r',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['empty fields', ',a,,\n', [['', 'a', '', '']]],
    ['quoted field with comma', '"a,b",c\n', [['a,b', 'c']]],
    ['doubled quote inside quotes', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['line breaks inside quotes', '"line1\r\nline2\nline3",x\n', [['line1\r\nline2\nline3', 'x']]],
    ['empty quoted field', '"",x\n', [['', 'x']]],
    ['blank line in the middle', 'a\n\nb\n', [['a'], [''], ['b']]],
    [
      'Chinese text',
      '渠道,内容\n人工坐席,"客户反映，还款提醒没收到"\n',
      [
        ['渠道', '内容'],
        ['人工坐席', '客户反映，还款提醒没收到'],
      ],
    ],
    ['a leading BOM is dropped', '\uFEFFa,b\n', [['a', 'b']]],
    ['spaces are kept', ' a , b \n', [[' a ', ' b ']]],
  ];
  it.each(table)('%s', async (_why, text, expected) => {
    expect(fieldsOf(await parse([text]))).toEqual(expected);
  });

  it('numbers records as a spreadsheet numbers rows: a multi-line record is one row', async () => {
    const records = await parse(['h1,h2\n"multi\nline",x\nplain,y\n']);
    expect(records.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('marks malformed records with the reason and goes on with the next', async () => {
    const records = await parse(['a,b\nbad"quote,x\n"closed"junk,y\nok,z\n"never closed,w\n']);
    expect(records.map((r) => [r.row, r.error ?? null])).toEqual([
      [1, null],
      [2, 'a double quote inside an unquoted field'],
      [3, 'text after a closing double quote'],
      [4, null],
      [5, 'a double-quoted field is never closed'],
    ]);
    expect(records[3]!.fields).toEqual(['ok', 'z']);
  });

  it('gives the same records whatever the chunking, with multi-byte characters and CRLF split across chunks', async () => {
    const text = '类型,内容,备注\r\n问题,"还款""提醒""\r\n没收到",逾期\r\n建议,增加短信,\r\n"",,"末行"';
    const bytes = Buffer.from(text, 'utf8');
    const whole = await parse([bytes]);
    expect(fieldsOf(whole)).toEqual([
      ['类型', '内容', '备注'],
      ['问题', '还款"提醒"\r\n没收到', '逾期'],
      ['建议', '增加短信', ''],
      ['', '', '末行'],
    ]);
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await parse(chunks)).toEqual(whole);
    }
  });

  it('reads GB18030 (GBK) files when told', async () => {
    const gbk = Buffer.from([0xc4, 0xda, 0xc8, 0xdd, 0x2c, 0x78, 0x0a]); // "内容,x\n"
    expect(fieldsOf(await parse([gbk], 'gb18030'))).toEqual([['内容', 'x']]);
  });

  it('round-trips any table written by the RFC 4180 rules, at any chunking (property)', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '客', '户') });
    const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 13 }),
        async (rows, size) => {
          const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
          const bytes = Buffer.from(text, 'utf8');
          const chunks: Buffer[] = [];
          for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
          expect(fieldsOf(await parse(chunks))).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
  });
});
