import { Router, type Response } from 'express';
import ExcelJS from 'exceljs';
import type { GraphQLSchema } from 'graphql';
import type { HubServices } from '../core/context.js';
import { AppError, badInput } from '../core/errors.js';
import { toCsv, type CsvCell } from '../core/csv.js';
import { dayOf } from '../core/period.rules.js';
import { exportErrors, exportViewerOf, XLSX } from '../report/index.js';
import { listFilterOf } from './view.filter.js';
import type { ListCell, ListColumn, ListExport } from './list-export.service.js';
import type { ViewListCode } from './view.table.js';

const LIST_OF_FILE: Record<string, ViewListCode> = { inbox: 'INBOX', problems: 'PROBLEMS', actions: 'ACTIONS' };
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

const wallTime = (d: Date) => new Date(d.getTime() + CHINA_OFFSET_MS);
const csvCell = (v: ListCell): CsvCell => (v instanceof Date ? wallTime(v).toISOString().slice(0, 16).replace('T', ' ') : v);

/** Waits while the client is behind: rows are read no faster than they are sent. */
async function drained(res: Response): Promise<void> {
  if (!res.writableNeedDrain || res.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function startDownload(res: Response, type: string, filename: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.type(type);
}

/** CSV through core/csv.ts (formulas neutralised), one batch at a time; the byte-order mark once. */
async function streamCsv(res: Response, data: ListExport): Promise<void> {
  res.write(toCsv([data.columns.map((c) => c.header)]));
  for await (const batch of data.batches) {
    if (res.destroyed) return;
    if (batch.length)
      res.write(
        toCsv(
          batch.map((row) => row.map(csvCell)),
          { bom: false },
        ),
      );
    await drained(res);
  }
  res.end();
}

/**
 * XLSX through exceljs's streaming writer: each row is committed (written out and forgotten) as it
 * is read, strings inline (no shared-strings table kept in memory). Text cells stay text: a value
 * is a formula only when given as one, which no exported value is.
 */
async function streamXlsx(res: Response, data: ListExport): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  book.creator = 'VOC Hub 客户之声联动平台';
  const sheet = book.addWorksheet(data.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = data.columns.map((c: ListColumn) => ({
    header: c.header,
    width: c.width,
    ...(c.date ? { style: { numFmt: DATE_FORMAT } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for await (const batch of data.batches) {
    if (res.destroyed) return;
    for (const values of batch) sheet.addRow(values.map((v) => (v instanceof Date ? wallTime(v) : v))).commit();
    await drained(res);
  }
  sheet.commit();
  await book.commit();
}

/**
 * `GET /exports/lists/inbox.csv|.xlsx`, `/exports/lists/problems.…`, `/exports/lists/actions.…`
 * with `?filter=<the list's filter input as JSON>`: the list as the viewer reads it in the app,
 * with the same sign-in, refusals (JSON `{ error }` with 400/401/403/404) and branch scope as the
 * other downloads, masked as the API masks, streamed as the rows are read.
 */
export function listExportRoutes(services: HubServices, schema: GraphQLSchema): Router {
  const router = Router();
  router.get('/exports/lists/:file', async (req, res) => {
    const m = /^(inbox|problems|actions)\.(csv|xlsx)$/.exec(req.params.file ?? '');
    if (!m) throw new AppError('NOT_FOUND', 'Export not found: use /exports/lists/{inbox,problems,actions}.{csv,xlsx}.');
    const viewer = await exportViewerOf(services, req);
    const list = LIST_OF_FILE[m[1]!]!;
    const { filter } = req.query;
    if (filter !== undefined && typeof filter !== 'string') throw badInput('filter', 'filter must be one JSON object.');
    const data = await services.listExports.export(viewer, list, listFilterOf(schema, list, filter, 'filter').value);
    const filename = `${m[1]}-${dayOf(services.deps.clock.now()).replaceAll('-', '')}.${m[2]}`;
    startDownload(res, m[2] === 'csv' ? 'text/csv; charset=utf-8' : XLSX, filename);
    try {
      await (m[2] === 'csv' ? streamCsv(res, data) : streamXlsx(res, data));
    } catch (err) {
      // Headers are gone: the client sees a cut-off download, never a file that looks whole.
      services.deps.log.error({ err }, 'list export failed');
      res.destroy(err as Error);
    } finally {
      await data.batches.return(undefined);
    }
  });
  router.use(exportErrors(services));
  return router;
}
