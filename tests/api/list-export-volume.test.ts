import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { startHub, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, type DemoIds } from '../utils/fixtures.js';
import { insertFeedback } from '../utils/bulk-feedback.js';

/**
 * 100,000 feedback rows exported (issue 18): every row reaches the CSV and the XLSX, once, in the
 * inbox's order. The bounded memory this takes is measured in tests/bench/list-export.bench.ts.
 */
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const ROWS = 100_000;
/** The rows' own years, long before the demo data's: a date filter selects them alone. */
const WRITTEN = NOW - 5 * 365 * 86_400_000;
const WINDOW = encodeURIComponent(
  JSON.stringify({ from: new Date(WRITTEN - ROWS * 1_000 - 120_000).toISOString(), to: new Date(WRITTEN).toISOString() }),
);

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
let base: string;
let inserted: string[];

/**
 * A download on a connection of its own (`agent: false`): the rows are inserted synchronously,
 * blocking this process's event loop for seconds, so a pooled keep-alive socket may have been
 * closed by the hub without this side having seen it yet (ECONNRESET on reuse).
 */
const open = (path: string): Promise<Readable> =>
  new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent: false, headers: { authorization: `Bearer ${t.coordinator!}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode} for ${path}`));
        else resolve(res);
      })
      .on('error', reject);
  });

beforeAll(async () => {
  hub = await startHub({ clock: new TestClock(NOW), demo: { feedback: 20, contacts: 0 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
  base = hub.url.replace(/\/graphql$/, '');
  inserted = await insertFeedback(hub.db, ROWS, {
    branchIds: [ids.branch.SH!, ids.branch.BJ!, ids.branch.GZ!, ids.branch['SH-PD']!],
    categoryIds: Object.values(ids.category),
    recordedBy: ids.user.agent!,
    now: WRITTEN,
  });
}, 300_000);
afterAll(async () => hub.stop());

describe('a 100,000-row inbox export', () => {
  const t0 = Date.now();
  afterAll(() => console.log(`volume: ${Date.now() - t0} ms`));
  it('the CSV holds every row, once, newest first', async () => {
    const got: string[] = [];
    for await (const row of (await open(`/exports/lists/inbox.csv?filter=${WINDOW}`)).pipe(
      parse({ bom: true, from_line: 2 }),
    ) as AsyncIterable<string[]>)
      got.push(row[0]!);
    expect(got.length).toBe(ROWS);
    expect(got).toEqual(inserted);
  }, 300_000);

  it('the XLSX holds every row, once, newest first', async () => {
    const got: string[] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(await open(`/exports/lists/inbox.xlsx?filter=${WINDOW}`), {
      sharedStrings: 'cache',
    });
    for await (const sheet of reader)
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) if (row.number > 1) got.push(String(row.getCell(1).value));
    expect(got.length).toBe(ROWS);
    expect(got).toEqual(inserted);
  }, 300_000);
});
