import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Router, type NextFunction, type Request, type Response } from 'express';
import ExcelJS from 'exceljs';
import type { GraphQLSchema } from 'graphql';
import type { HubServices } from '../core/context.js';
import { AppError, badInput } from '../core/errors.js';
import { toCsv, type CsvCell } from '../core/csv.js';
import { dayOf } from '../core/period.rules.js';
import { exportErrors, exportViewerOf, XLSX } from '../report/index.js';
import { auditDetail, auditScope, type AuditScope } from '../audit/index.js';
import { listFilterOf, type ExportListCode } from './view.filter.js';
import type { ListCell, ListColumn, ListExport } from './list-export.service.js';

const LIST_OF_FILE: Record<string, ExportListCode> = { inbox: 'INBOX', problems: 'PROBLEMS', actions: 'ACTIONS', complaints: 'COMPLAINTS' };
/** The audit trail's name for a list export, refused or done. */
const OPERATION = 'exportList';
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

const wallTime = (d: Date) => new Date(d.getTime() + CHINA_OFFSET_MS);
const csvCell = (v: ListCell): CsvCell => (v instanceof Date ? wallTime(v).toISOString().slice(0, 16).replace('T', ' ') : v);

/** Waits while the client is behind: rows are read no faster than they are sent. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * What the writers write into: passed on to the response as it comes (the client's pace holds the
 * writers back), but the response is ended by the route, not by the writers, so that the export's
 * audit row is committed before the client has the last byte. A client that goes away stops it.
 */
function bodyFor(res: Response): PassThrough {
  const body = new PassThrough();
  body.pipe(res, { end: false });
  res.on('close', () => body.destroy());
  return body;
}

function startDownload(res: Response, type: string, filename: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.type(type);
}

/** CSV through core/csv.ts (formulas neutralised), one batch at a time; the byte-order mark once. */
async function streamCsv(res: Writable, data: ListExport): Promise<void> {
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
async function streamXlsx(res: Writable, data: ListExport): Promise<void> {
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

/** What an export's audit row says: the list, the format, the filter as given, and (once sent) the rows. */
interface ExportFacts {
  list: string;
  format: string;
  filter: string | null;
  rows?: number;
  complete?: boolean;
  reason?: string;
}

/** The request's audit scope, named as a list export (the route is not a GraphQL operation). */
function exportScope(facts: ExportFacts): AuditScope | undefined {
  const scope = auditScope.getStore();
  if (scope) {
    scope.operation = OPERATION;
    scope.detail = auditDetail(facts);
  }
  return scope;
}

/**
 * `GET /exports/lists/inbox.csv|.xlsx`, `/exports/lists/problems.…`, `/exports/lists/actions.…`,
 * `/exports/lists/complaints.…` with `?filter=<the list's filter input as JSON>`: the list as the
 * viewer reads it in the app, with the same sign-in, refusals (JSON `{ error }` with
 * 400/401/403/404) and branch scope as the other downloads, masked as the API masks, streamed as
 * the rows are read. Every export is in the audit trail (who, which list, which filter, how many
 * rows; a download cut off says so), and so is every refusal, with its reason: a list leaving the
 * hub is what a regulator asks about first.
 */
export function listExportRoutes(services: HubServices, schema: GraphQLSchema): Router {
  const router = Router();
  router.get('/exports/lists/:file', async (req, res) => {
    const m = /^(inbox|problems|actions|complaints)\.(csv|xlsx)$/.exec(req.params.file ?? '');
    if (!m) throw new AppError('NOT_FOUND', 'Export not found: use /exports/lists/{inbox,problems,actions,complaints}.{csv,xlsx}.');
    const { filter } = req.query;
    const facts: ExportFacts = { list: m[1]!, format: m[2]!, filter: typeof filter === 'string' ? filter : null };
    res.locals.exportFacts = facts;
    const scope = exportScope(facts);
    const viewer = await exportViewerOf(services, req);
    if (scope) scope.actorId = viewer.id;
    const list = LIST_OF_FILE[m[1]!]!;
    if (filter !== undefined && typeof filter !== 'string') throw badInput('filter', 'filter must be one JSON object.');
    const data = await services.listExports.export(viewer, list, listFilterOf(schema, list, filter, 'filter').value);
    const filename = `${m[1]}-${dayOf(services.deps.clock.now()).replaceAll('-', '')}.${m[2]}`;
    startDownload(res, m[2] === 'csv' ? 'text/csv; charset=utf-8' : XLSX, filename);
    let rows = 0;
    const counted = (async function* () {
      for await (const batch of data.batches) {
        rows += batch.length;
        yield batch;
      }
    })();
    const body = bodyFor(res);
    let complete = false;
    try {
      await (m[2] === 'csv' ? streamCsv(body, { ...data, batches: counted }) : streamXlsx(body, { ...data, batches: counted }));
      // Both writers end the body only after the last row; then it has all reached the response.
      if (body.writableEnded && !body.destroyed) await finished(body);
      complete = body.readableEnded && !res.destroyed;
    } catch (err) {
      // Headers are gone: the client sees a cut-off download, never a file that looks whole.
      services.deps.log.error({ err }, 'list export failed');
      res.destroy(err as Error);
    } finally {
      await counted.return(undefined);
      await data.batches.return(undefined);
      // Rows read are rows handed to the response; a cut-off download says how far it went. Written
      // before the response ends: whoever holds the whole file finds the export in the trail.
      if (scope) await services.audit.afterResponse(exportScope({ ...facts, rows, complete })!, null, true);
    }
    if (complete) res.end();
  });
  router.use('/exports/lists', async (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const facts = res.locals.exportFacts as ExportFacts | undefined;
    if (facts && err instanceof AppError) {
      const refused = exportScope({ ...facts, reason: err.message })!;
      await services.audit.afterResponse({ ...refused, isMutation: true }, err.code);
    }
    next(err);
  });
  router.use(exportErrors(services));
  return router;
}
