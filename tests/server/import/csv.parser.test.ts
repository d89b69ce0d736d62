import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCsv, MAX_COLUMNS, MAX_RECORD_CHARS, type CsvRecord } from '../../../server/src/import/csv.parser.js';

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

describe('records past the limits (issue 24, item 7)', () => {
  const split = (text: string, size: number) => {
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
    return chunks;
  };

  it.each([1, 7, 4096, 1 << 20])(
    'cuts a record wider than MAX_COLUMNS or longer than MAX_RECORD_CHARS and reads on (chunks of %i)',
    async (size) => {
      const text = [
        `a,b${',x'.repeat(MAX_COLUMNS + 5)},"in quotes\r\nstill row 1",x"mid"quote`,
        // Past the limit, a quoted field may still hold the line break: the record ends after it.
        `${'y'.repeat(MAX_RECORD_CHARS)},"quoted ""and""\r\nstill the same record",z`,
        'next,row',
      ].join('\r\n');
      const records = await parse(split(text, size));
      expect(records.map((r) => ({ row: r.row, width: r.fields.length, error: r.error, oversize: r.oversize }))).toEqual([
        { row: 1, width: MAX_COLUMNS, error: `the row has more than ${MAX_COLUMNS} columns`, oversize: true },
        { row: 2, width: 1, error: `the row is longer than ${MAX_RECORD_CHARS} characters`, oversize: true },
        { row: 3, width: 2, error: undefined, oversize: undefined },
      ]);
      expect(records[2]!.fields).toEqual(['next', 'row']);
    },
  );

  it('holds no more than the limit of a record of millions of columns', async () => {
    const [header] = await parse([`kind,text${','.repeat(5_000_000)}\n`]);
    expect(header!.fields.length).toBe(MAX_COLUMNS);
    expect(header!.oversize).toBe(true);
  });
});
