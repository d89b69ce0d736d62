import { PassThrough } from 'node:stream';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { HubServices } from '../core/context.js';
import type { Viewer } from '../core/viewer.rules.js';
import { AppError, badInput, unauthenticated } from '../core/errors.js';
import { maskPersonalData } from '../core/mask.rules.js';
import { formatOf, mayImport } from './import.rules.js';
import type { ImportKindCode } from './import.table.js';
import type { ImportProgress } from './import.service.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };
const KINDS: Record<string, ImportKindCode> = { feedback: 'FEEDBACK', contacts: 'CONTACTS' };
const TYPES = new Set([
  'text/csv',
  'application/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
]);

async function viewerOf(services: HubServices, req: Request): Promise<Viewer> {
  const auth = await services.auth.viewerFromToken(req.headers.authorization);
  if (!auth) throw unauthenticated();
  if (auth.mustChangePassword)
    throw new AppError('FORBIDDEN', 'Your password was reset; change it before going on.', { reason: 'PASSWORD_CHANGE_REQUIRED' });
  if (!mayImport(auth.viewer.role)) throw new AppError('FORBIDDEN', 'Only analysts and administrators import records.');
  return auth.viewer;
}

const forClient = (p: ImportProgress) => ({
  ...p,
  rejectedRows: p.rejectedRows.map((r) => ({ row: r.row, reason: maskPersonalData(r.reason) })),
});

/**
 * The upload of a call-center file: `POST /imports/feedback` or `/imports/contacts`, the raw file
 * as the body with `Content-Type: text/csv` or the XLSX type (or application/octet-stream with a
 * `fileName` ending in .csv or .xlsx), the same Bearer token as /graphql. Answers 202 with the
 * import's id at once (follow it with the importProgress subscription, or importJob), or with
 * `?wait=1` 200 and the final report. `?fileName=` names the file; `?encoding=gb18030` reads a
 * GBK CSV. Errors answer JSON `{ error: { code, message } }` with the matching status: 413
 * BAD_USER_INPUT for a file over IMPORT_MAX_MB or an XLSX over its limits, before any import is
 * registered. The body is spooled to the import temp directory, never held in memory, and the
 * spooled file is removed when the import ends, however it ends.
 */
export function importRoutes(services: HubServices): Router {
  const router = Router();
  const maxBytes = services.deps.env.IMPORT_MAX_MB * 1024 * 1024;
  const limit = `${services.deps.env.IMPORT_MAX_MB}mb`;

  router.post('/imports/:kind', async (req, res) => {
    // Everything is checked before the body is read: nobody uploads 200 MB only to hear they may not.
    if (!KINDS[req.params.kind ?? '']) throw new AppError('NOT_FOUND', 'Import not found: use /imports/feedback or /imports/contacts.');
    const viewer = await viewerOf(services, req);
    const kind = KINDS[req.params.kind ?? '']!;
    const fileName = typeof req.query.fileName === 'string' ? req.query.fileName : `${kind.toLowerCase()}-upload`;
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const format = TYPES.has(type) ? formatOf(type, fileName) : undefined;
    if (!format)
      throw new AppError('BAD_USER_INPUT', 'Send the file as the body, with Content-Type text/csv or the XLSX type.', { status: 415 });
    // A compressed body would inflate past every limit before it could be judged.
    if ((req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity')
      throw new AppError('BAD_USER_INPUT', 'Send the file uncompressed (no Content-Encoding).', { status: 415 });
    if (Number(req.headers['content-length'] ?? 0) > maxBytes)
      throw new AppError('BAD_USER_INPUT', `The file is larger than ${limit}.`, { field: 'file', status: 413 });
    const encoding = typeof req.query.encoding === 'string' ? req.query.encoding : null;
    if (encoding && format !== 'CSV') throw badInput('encoding', 'encoding applies to CSV files only.');
    const request = { kind, format, fileName, encoding };
    services.imports.checkRequest(request);
    // Through a PassThrough so that a refusal mid-upload stops reading without destroying the
    // socket the 413 is answered on; a client that goes away ends the spooling (and its file).
    const body = req.pipe(new PassThrough());
    req.on('close', () => {
      if (!req.complete) body.destroy(new Error('The upload was cut short.'));
    });
    const file = await services.imports.receive(request, body);
    let importId: string;
    try {
      importId = await services.imports.begin(viewer, { ...request, totalBytes: file.bytes });
    } catch (err) {
      await file.dispose();
      throw err;
    }
    const done = services.imports.run(viewer, importId, { ...request, totalBytes: file.bytes }, file);
    if (req.query.wait === '1' || req.query.wait === 'true') {
      const result = await done;
      res.status(200).json(forClient(result));
      return;
    }
    done.catch((err: unknown) => services.deps.log.error({ err, importId }, 'import failed'));
    res.status(202).json({ importId, status: 'RUNNING' });
  });

  router.use('/imports', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const tooLarge = (err as { type?: string }).type === 'entity.too.large';
    if (tooLarge) {
      res.status(413).json({ error: { code: 'BAD_USER_INPUT', message: `The file is larger than ${limit}.` } });
      return;
    }
    if (err instanceof AppError && (STATUS[err.code] || err.extensions.status)) {
      const status = typeof err.extensions.status === 'number' ? err.extensions.status : STATUS[err.code]!;
      // The rest of a refused upload is not read: the client is told to stop sending.
      if (!req.complete) res.set('Connection', 'close');
      res.status(status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    next(err);
  });

  return router;
}
