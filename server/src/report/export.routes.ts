import { Router, type NextFunction, type Request, type Response } from 'express';
import type { HubServices } from '../core/context.js';
import type { Viewer } from '../core/viewer.rules.js';
import { AppError, badInput, unauthenticated } from '../core/errors.js';
import { reportTables, reportTitle } from './voc-report.layout.js';
import { reportWorkbook } from './report.xlsx.js';
import { reportCsv } from './report.csv.js';
import { reportPage } from './report.print.js';
import { linkageWorkbook } from './linkage.xlsx.js';
import { staffTextFor } from './report-export.service.js';
import { isNulInText } from '../core/format-error.js';
import { PRINT_POLICY, policyFor } from '../core/http-headers.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** The signed-in viewer from the same Bearer token as /graphql, or the same refusals. */
export async function viewerOf(services: HubServices, req: Request): Promise<Viewer> {
  const auth = await services.auth.viewerFromToken(req.headers.authorization);
  if (!auth) throw unauthenticated();
  if (auth.mustChangePassword)
    throw new AppError('FORBIDDEN', 'Your password was reset; change it before going on.', { reason: 'PASSWORD_CHANGE_REQUIRED' });
  return auth.viewer;
}

function options(req: Request): { branchId: string | null; version: number | null } {
  const { branchId, version } = req.query;
  if (version !== undefined && (typeof version !== 'string' || !/^[1-9]\d{0,5}$/.test(version)))
    throw badInput('version', 'version must be a positive whole number.');
  if (branchId !== undefined && typeof branchId !== 'string') throw badInput('branchId', 'branchId must be one id.');
  return { branchId: branchId ?? null, version: version === undefined ? null : Number(version) };
}

/** A download: not cached, not sniffed, named. */
export function send(res: Response, type: string, filename: string, body: string | Buffer): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (filename) res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.type(type).send(body);
}

/**
 * Downloads and the printable report, with the same sign-in, scoping and masking as the API:
 * `GET /exports/voc/2026-11.xlsx` and `.csv` (`?branchId=`, `?version=` for a published version),
 * `GET /exports/problems/:id/linkage.xlsx` and `GET /reports/voc/2026-11/print`. Errors answer
 * JSON `{ error: { code, message } }` with the matching HTTP status.
 */
export function exportRoutes(services: HubServices): Router {
  const router = Router();

  router.get('/exports/voc/:file', async (req, res) => {
    const m = /^(\d{4}-\d{2})\.(xlsx|csv)$/.exec(req.params.file ?? '');
    if (!m) throw new AppError('NOT_FOUND', 'Export not found: use /exports/voc/YYYY-MM.xlsx or .csv.');
    const viewer = await viewerOf(services, req);
    const { branchId, version } = options(req);
    const { report, names } = await services.reports.exportView(viewer, m[1]!, branchId, version);
    const title = reportTitle(report, names);
    const tables = reportTables(report, names);
    const base = `voc-report-${report.month}${version ? `-v${version}` : ''}`;
    if (m[2] === 'csv') send(res, 'text/csv; charset=utf-8', `${base}.csv`, reportCsv(title, tables));
    else send(res, XLSX, `${base}.xlsx`, await reportWorkbook(title, tables));
  });

  router.get('/exports/problems/:id/linkage.xlsx', async (req, res) => {
    const viewer = await viewerOf(services, req);
    const data = await services.reports.linkageTable(viewer, req.params.id ?? '');
    send(res, XLSX, `linkage-${data.problem.code}.xlsx`, await linkageWorkbook(data, services.deps.clock.now(), staffTextFor(viewer)));
  });

  router.use('/reports/voc/:month/print', policyFor(PRINT_POLICY));
  router.get('/reports/voc/:month/print', async (req, res) => {
    const viewer = await viewerOf(services, req);
    const { branchId, version } = options(req);
    const { report, names } = await services.reports.exportView(viewer, req.params.month ?? '', branchId, version);
    send(res, 'text/html; charset=utf-8', '', reportPage(report, names));
  });

  router.use(exportErrors(services));
  return router;
}

/**
 * How every download route answers a refusal: JSON `{ error: { code, message } }` with the matching
 * HTTP status (401, 403, 404, 400); anything else is logged and masked as a 500.
 */
export function exportErrors(services: HubServices) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (err instanceof AppError && STATUS[err.code]) {
      res.status(STATUS[err.code]!).json({ error: { code: err.code, message: err.message, ...err.extensions } });
      return;
    }
    if (isNulInText(err)) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'A text must not contain the NUL character (U+0000).' } });
      return;
    }
    services.deps.log.error({ err }, 'export failed');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'The export failed.' } });
  };
}
