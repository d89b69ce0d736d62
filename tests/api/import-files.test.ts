import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import yazl from 'yazl';
import ExcelJS from 'exceljs';
import { startHub, tempDir, TestClock, type TestHub } from '../utils/hub.js';

// Hostile and broken files over the real upload route (issue 24, items 2, 7, 9 and 13): each is
// refused with the contract's code or fails its import in plain words, and none leaves a file.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['kind', 'channel', 'category', 'branch', 'receivedAt', 'text'];
const GOOD_ROW = ['PROBLEM', 'VOICE', 'DEPOSIT', 'BJ', '2026-03-30 10:00', '存款证明开具慢'];
/** What a library says and a bank employee should never read. */
const INTERNALS = /signature|FILE_ENDED|Cannot read|undefined|0x[0-9a-f]|Z_[A-Z]|zlib|entity|\d+:\d+:|stack|at \w+ \(/i;

const xml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A ZIP of the given entries, in this order, deflated at the highest level. */
async function zipOf(entries: [string, string | Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name, { compressionLevel: 9 });
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/**
 * A minimal workbook written by hand, so that a test chooses the part order and the sheet's XML.
 * `sheetXml` is the content of `<sheetData>`; `padding` goes before it.
 */
async function workbook(sheetData: string, opts: { padding?: string; strings?: string[] } = {}): Promise<Buffer> {
  const strings = opts.strings ?? [];
  return zipOf([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="反馈" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ],
    // The sheet before the shared strings: a reader that must take the ZIP as a stream has to put
    // the sheet somewhere until it has read the strings.
    [
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.padding ?? ''}<sheetData>${sheetData}</sheetData></worksheet>`,
    ],
    [
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
        .map((s) => `<si><t>${xml(s)}</t></si>`)
        .join('')}</sst>`,
    ],
  ]);
}

const col = (i: number) => String.fromCharCode(65 + i);
/** Rows of inline-string cells, with cell references unless `refs` is false. */
const inlineRows = (rows: string[][], refs = true) =>
  rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((v, c) => `<c${refs ? ` r="${col(c)}${r + 1}"` : ''} t="inlineStr"><is><t>${v}</t></is></c>`)
          .join('')}</row>`,
    )
    .join('');

describe('import files over HTTP: limits, temp files, messages, names', () => {
  let hub: TestHub;
  let token: string;
  const base = () => hub.url.replace(/\/graphql$/, '');
  const spoolDir = () => path.join(hub.dir, 'import-tmp');
  const spoolFiles = () => (fs.existsSync(spoolDir()) ? fs.readdirSync(spoolDir()).sort() : []);
  // exceljs's streaming reader spilled a sheet read before the shared strings to `tmp-<pid>-…` here.
  const spills = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`tmp-${process.pid}-`));
  const count = async (sql: string) => Number((await hub.db.get<{ n: number }>(sql))!.n);
  const post = (kind: string, body: string | Buffer, opts: { type?: string; query?: string } = {}) =>
    fetch(`${base()}/imports/${kind}${opts.query ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': opts.type ?? 'text/csv', authorization: `Bearer ${token}` },
      body,
    });

  /** Posts a file and checks that no import was registered and no file left behind; answers the status and the error. */
  async function refused(body: Buffer | string, opts: { type?: string; query?: string } = {}) {
    const before = { spool: spoolFiles(), spills: spills(), imports: await count('SELECT count(*) AS n FROM imports') };
    const res = await post('feedback', body, { query: '?wait=1', ...opts });
    const json = (await res.json()) as { error?: { code: string; message: string } };
    expect(spoolFiles()).toEqual(before.spool);
    expect(spills()).toEqual(before.spills);
    expect(await count('SELECT count(*) AS n FROM imports')).toBe(before.imports);
    return { status: res.status, error: json.error };
  }

  /** Posts a file to be imported to its end (?wait=1) and checks that no file is left behind; answers the report. */
  async function imported(body: Buffer | string, opts: { type?: string; query?: string } = {}) {
    const before = { spool: spoolFiles(), spills: spills() };
    const res = await post('feedback', body, { ...opts, query: `?wait=1${opts.query ?? ''}` });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { status: string; error: string | null; inserted: number; rejected: number; fileName: string };
    expect(spoolFiles()).toEqual(before.spool);
    expect(spills()).toEqual(before.spills);
    return report;
  }

  beforeAll(async () => {
    hub = await startHub({ clock: new TestClock(Date.parse('2026-04-01T01:00:00Z')), demo: { feedback: 0, contacts: 0 } });
    token = await hub.login('analyst');
  });
  afterAll(() => hub.stop());

  describe('XLSX zip bomb (item 2)', () => {
    it('refuses a 22 KB workbook whose sheet inflates to 20 MB of whitespace (before its shared strings) with 413, spilling nothing', async () => {
      const bomb = await workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {
        padding: ' '.repeat(20 * 1024 * 1024),
        strings: ['kind'],
      });
      expect(bomb.length).toBeLessThan(40 * 1024);

      // Peak disk (spool directory and the system temp spills) and resident memory while the hub answers.
      const rss0 = process.memoryUsage().rss;
      let peakDisk = 0;
      let peakRss = rss0;
      const size = (dir: string, names: string[]) =>
        names.reduce((sum, n) => {
          try {
            return sum + fs.statSync(path.join(dir, n)).size;
          } catch {
            return sum;
          }
        }, 0);
      const sample = setInterval(() => {
        peakDisk = Math.max(peakDisk, size(spoolDir(), spoolFiles()) + size(os.tmpdir(), spills()));
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 2);
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const started = performance.now();
      try {
        const { status, error } = await refused(bomb, { type: XLSX_TYPE, query: '?wait=1&fileName=bomb.xlsx' });
        expect(status).toBe(413);
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
        expect(error!.message).toMatch(/inflates more than 100 times/);
        expect(error!.message).not.toMatch(INTERNALS);
      } finally {
        clearInterval(sample);
        loop.disable();
      }
      const ms = performance.now() - started;
      // Generous bounds only: the 20 MB never reach the disk, and memory does not grow by the sheet's size.
      expect(peakDisk).toBeLessThanOrEqual(bomb.length);
      console.info(
        `[import-files] XLSX bomb (${bomb.length} B → 20 MiB): refused in ${ms.toFixed(0)} ms, peak temp disk ${peakDisk} B, ` +
          `RSS delta ${((peakRss - rss0) / 1024 / 1024).toFixed(1)} MiB, longest event-loop block ${(loop.max / 1e6).toFixed(0)} ms`,
      );
    });

    it('refuses shared strings beyond IMPORT_XLSX_MAX_STRINGS_MB and a workbook beyond IMPORT_XLSX_MAX_EXPANDED_MB, with 413', async () => {
      const strict = await startHub({
        demo: { feedback: 0, contacts: 0 },
        env: { IMPORT_XLSX_MAX_STRINGS_MB: '1', IMPORT_XLSX_MAX_EXPANDED_MB: '2', IMPORT_MAX_MB: '4' },
      });
      try {
        const t = await strict.login('analyst');
        const send = async (body: Buffer | ReadableStream<Uint8Array>) => {
          const res = await fetch(`${strict.url.replace(/\/graphql$/, '')}/imports/feedback?wait=1`, {
            method: 'POST',
            headers: { 'content-type': XLSX_TYPE, authorization: `Bearer ${t}` },
            body,
            duplex: 'half',
          } as RequestInit);
          return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
        };
        // Incompressible text, so that the ratio stays low and the size limits are what refuse.
        const noise = () => randomBytes(900 * 1024).toString('base64');
        const strings = await send(await workbook(inlineRows([HEADER]), { strings: [noise(), noise()] }));
        expect(strings.status).toBe(413);
        expect(strings.body.error).toMatchObject({
          code: 'BAD_USER_INPUT',
          message: expect.stringMatching(/shared strings inflate to more than 1 MB/),
        });
        const expanded = await send(await workbook(inlineRows([HEADER, ...Array.from({ length: 3 }, () => [noise()])])));
        expect(expanded.status).toBe(413);
        expect(expanded.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/inflates to more than 2 MB/) });
        // Over IMPORT_MAX_MB: by its Content-Length before a byte is read, or, sent without one, as soon as it passes.
        const declared = await send(randomBytes(5 * 1024 * 1024));
        expect(declared).toMatchObject({ status: 413, body: { error: { code: 'BAD_USER_INPUT' } } });
        let sent = 0;
        const chunked = await send(
          new ReadableStream<Uint8Array>({
            pull(c) {
              if (sent >= 64 * 1024 * 1024) return c.close();
              sent += 256 * 1024;
              c.enqueue(randomBytes(256 * 1024));
            },
          }),
        );
        expect(chunked).toMatchObject({
          status: 413,
          body: { error: { code: 'BAD_USER_INPUT', message: 'The file is larger than 4 MB.' } },
        });
        expect(fs.readdirSync(path.join(strict.dir, 'import-tmp'))).toEqual([]);
      } finally {
        await strict.stop();
      }
    });

    it('a workbook with the sheet before its shared strings still imports, read in place', async () => {
      const rows = [HEADER, GOOD_ROW];
      const strings = rows.flat();
      const sheet = rows
        .map(
          (cells, r) =>
            `<row r="${r + 1}">${cells.map((_, c) => `<c r="${col(c)}${r + 1}" t="s"><v>${r * cells.length + c}</v></c>`).join('')}</row>`,
        )
        .join('');
      const report = await imported(await workbook(sheet, { strings }), { type: XLSX_TYPE, query: '&fileName=order.xlsx' });
      expect(report).toMatchObject({ status: 'DONE', inserted: 1, rejected: 0, error: null });
    });
  });

  describe('failing imports leave no temp files (item 2)', () => {
    it('a CSV without the required columns', async () => {
      const report = await imported('foo,bar\r\n1,2\r\n');
      expect(report).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^Row 1: the header lacks the columns/) });
    });

    it('an XLSX without the required columns', async () => {
      const report = await imported(await workbook(inlineRows([['foo', 'bar']])), { type: XLSX_TYPE });
      expect(report).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^Row 1: the header lacks the columns/) });
    });

    it('an XLSX whose sheet uses an undefined entity: failed in plain words', async () => {
      const report = await imported(await workbook(inlineRows([HEADER, ['&bogus;', ...GOOD_ROW.slice(1)]])), { type: XLSX_TYPE });
      expect(report.status).toBe('FAILED');
      expect(report.error).toMatch(/^The file is not a readable XLSX workbook/);
      expect(report.error).not.toMatch(INTERNALS);
    });

    it('an XLSX whose cells have no `r` (it is optional): read in order and imported', async () => {
      const report = await imported(await workbook(inlineRows([HEADER, GOOD_ROW.map((v) => (v === 'BJ' ? 'SH' : v))], false)), {
        type: XLSX_TYPE,
      });
      expect(report).toMatchObject({ status: 'DONE', inserted: 1, error: null });
    });

    it('an upload cut short by the client', async () => {
      const before = spoolFiles();
      const controller = new AbortController();
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(`${HEADER.join(',')}\r\n`));
          // Never closed: the client goes away mid-upload.
          setTimeout(() => controller.abort(), 200);
        },
      });
      await expect(
        fetch(`${base()}/imports/feedback?wait=1`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
          body,
          signal: controller.signal,
          duplex: 'half',
        } as RequestInit),
      ).rejects.toThrow();
      // The server learns of the abort on its own schedule.
      for (let i = 0; i < 200 && spoolFiles().length !== before.length; i++) await new Promise((r) => setTimeout(r, 25));
      expect(spoolFiles()).toEqual(before);
    });
  });

  describe('errors name the file’s fault, not the library’s (item 9)', () => {
    let valid: Buffer;
    beforeAll(async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('反馈');
      sheet.addRow(HEADER);
      // Text that does not compress, so that most of the file is the sheet's data.
      for (let i = 0; i < 400; i++) sheet.addRow([...GOOD_ROW.slice(0, 5), randomBytes(48).toString('base64')]);
      valid = Buffer.from(await book.xlsx.writeBuffer());
    });

    it('a truncated XLSX: 400 BAD_USER_INPUT', async () => {
      const { status, error } = await refused(valid.subarray(0, Math.floor(valid.length / 2)), { type: XLSX_TYPE });
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/not a readable XLSX workbook/) });
      expect(error!.message).not.toMatch(INTERNALS);
    });

    it('bytes that are no ZIP at all: 400 BAD_USER_INPUT', async () => {
      const { status, error } = await refused(randomBytes(8192), { type: XLSX_TYPE });
      expect(status).toBe(400);
      expect(error!.code).toBe('BAD_USER_INPUT');
      expect(error!.message).not.toMatch(INTERNALS);
    });

    it('a workbook whose compressed sheet is damaged: the import fails in plain words', async () => {
      // Incompressible rows: the sheet is nearly all of the file, so its middle is the sheet's data.
      const rows = Array.from({ length: 400 }, () => [...GOOD_ROW.slice(0, 5), randomBytes(48).toString('base64')]);
      const damaged = await workbook(inlineRows([HEADER, ...rows]));
      const middle = Math.floor(damaged.length / 2);
      for (let i = middle; i < middle + 64; i++) damaged[i] = damaged[i]! ^ 0x5a;
      const res = await post('feedback', damaged, { type: XLSX_TYPE, query: '?wait=1' });
      const json = (await res.json()) as { status?: string; error: string | { code: string; message: string } | null };
      const message = typeof json.error === 'string' ? json.error : json.error?.message;
      expect(res.status === 400 || json.status === 'FAILED', JSON.stringify(json).slice(0, 500)).toBe(true);
      expect(message).toMatch(/^The (XLSX )?file/);
      expect(message).not.toMatch(INTERNALS);
      expect(spoolFiles()).toEqual([]);
    });
  });

  describe('CSV width and length (item 7)', () => {
    it('refuses a 5-million-column header with 413 BAD_USER_INPUT, registering nothing', async () => {
      const body = Buffer.from(`${HEADER.join(',')}${','.repeat(5_000_000)}\r\n${GOOD_ROW.join(',')}\r\n`);
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const started = performance.now();
      const { status, error } = await refused(body);
      const ms = performance.now() - started;
      loop.disable();
      expect(status).toBe(413);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/more than 1024 columns/) });
      console.info(
        `[import-files] 5,000,000-column CSV header (${(body.length / 1024 / 1024).toFixed(1)} MiB): refused in ${ms.toFixed(0)} ms (upload included), ` +
          `longest event-loop block ${(loop.max / 1e6).toFixed(0)} ms`,
      );
    });

    it('refuses a header line longer than any import reads with 413', async () => {
      const { status, error } = await refused(`${HEADER.join(',')},${'x'.repeat(2 * 1024 * 1024)}\r\n`);
      expect(status).toBe(413);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/longer than 65536 characters/) });
    });

    it('rejects a too-wide data row by its number and keeps the rest', async () => {
      const wide = [...GOOD_ROW, ...Array.from({ length: 2000 }, () => 'x')].join(',');
      const other = ['SUGGESTION', 'ONLINE', 'DEPOSIT', 'BJ', '2026-03-30 11:00', '希望延长营业时间'].join(',');
      const report = await imported([HEADER.join(','), wide, other].join('\r\n'));
      expect(report).toMatchObject({
        status: 'DONE',
        inserted: 1,
        rejected: 1,
        rejectedRows: [{ row: 2, reason: 'the row has more than 1024 columns' }],
      });
    });
  });

  describe('file names (item 13)', () => {
    const bad = [
      'daily\r\nX-Injected: 1.csv',
      'daily\u0000.csv',
      '<img src=x onerror=alert(1)>.csv',
      '../../etc/passwd',
      'reports/daily.csv',
      'C:\\temp\\daily.csv',
      'invoice\u202Evsc.exe',
      '..',
      `${'长'.repeat(256)}.csv`,
    ];
    it.each(bad.map((n) => [JSON.stringify(n), n]))(
      'refuses %s with 400 BAD_USER_INPUT, storing and broadcasting nothing',
      async (_label, name) => {
        const events = await count("SELECT count(*) AS n FROM hub_events WHERE type = 'RECORDS_IMPORTED'");
        const { status, error } = await refused(`${HEADER.join(',')}\r\n${GOOD_ROW.join(',')}\r\n`, {
          query: `?wait=1&fileName=${encodeURIComponent(name)}`,
        });
        expect(status).toBe(400);
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^fileName /) });
        expect(await count("SELECT count(*) AS n FROM hub_events WHERE type = 'RECORDS_IMPORTED'")).toBe(events);
      },
    );

    it('keeps a real file name as sent: Chinese, spaces, brackets', async () => {
      const name = '客户之声 2026年3月 (导出) v2.csv';
      const report = await imported(`${HEADER.join(',')}\r\n${['PRAISE', ...GOOD_ROW.slice(1, 5), '文件名测试'].join(',')}\r\n`, {
        query: `&fileName=${encodeURIComponent(name)}`,
      });
      expect(report).toMatchObject({ status: 'DONE', fileName: name, inserted: 1 });
    });
  });
});

describe('the import temp directory at start (item 2: kill -9 leaves nothing forever)', () => {
  it('removes the files of processes no longer running and keeps those of live ones', async () => {
    const dir = tempDir();
    const spool = path.join(dir, 'import-tmp');
    fs.mkdirSync(spool);
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    const live = spawn('sleep', ['60']);
    try {
      const deadFile = `${dead.pid}-${randomUUID()}.upload`;
      const liveFile = `${live.pid}-${randomUUID()}.upload`;
      for (const name of [deadFile, liveFile, 'notes.txt']) fs.writeFileSync(path.join(spool, name), 'x');
      const hub = await startHub({ dir, demo: false });
      try {
        expect(fs.readdirSync(spool).sort()).toEqual([liveFile, 'notes.txt'].sort());
      } finally {
        await hub.stop();
      }
    } finally {
      live.kill('SIGKILL');
    }
  });
});
