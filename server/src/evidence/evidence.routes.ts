import { Router, type NextFunction, type Request, type Response } from 'express';
import busboy from 'busboy';
import type { Readable } from 'node:stream';
import type { HubServices } from '../core/context.js';
import type { Viewer } from '../core/viewer.rules.js';
import { AppError, badInput, unauthenticated } from '../core/errors.js';
import { auditDetail, auditScope } from '../audit/index.js';
import { EVIDENCE_PARENTS, type EvidenceParentCode } from './evidence.table.js';
import { contentDisposition, fileNameProblem } from './evidence.rules.js';
import { receiveFile, tooLarge, type ReceivedFile } from './evidence.receive.js';
import { downloadUrlOf } from './evidence.resolver.js';
import type { EvidenceRow } from './evidence.repository.js';

const STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  INVALID_TRANSITION: 409,
};
// What the multipart framing may add to a file: headers, boundaries, a field or two.
const FRAMING_BYTES = 64 * 1024;

async function viewerOf(services: HubServices, req: Request): Promise<Viewer> {
  const auth = await services.auth.viewerFromToken(req.headers.authorization);
  if (!auth) throw unauthenticated();
  if (auth.mustChangePassword)
    throw new AppError('FORBIDDEN', 'Your password was reset; change it before going on.', { reason: 'PASSWORD_CHANGE_REQUIRED' });
  return auth.viewer;
}

function parentOf(req: Request): { kind: EvidenceParentCode; id: string } {
  const { parentKind, parentId } = req.query;
  if (typeof parentKind !== 'string' || !(EVIDENCE_PARENTS as readonly string[]).includes(parentKind))
    throw badInput('parentKind', `parentKind must be one of ${EVIDENCE_PARENTS.join(', ')}.`);
  if (typeof parentId !== 'string' || !parentId || parentId.length > 100) throw badInput('parentId', 'parentId must be one id.');
  return { kind: parentKind as EvidenceParentCode, id: parentId };
}

/** What the audit trail keeps of an upload that was refused: the parent asked for and, once read, the file's name, size and hash. */
interface UploadFacts {
  parentKind: unknown;
  parentId: unknown;
  fileName?: string;
  size?: number;
  sha256?: string;
}

/** The JSON an upload answers with: the Evidence as the API shows it. */
export const evidenceJson = (row: EvidenceRow) => ({
  id: row.id,
  parentKind: row.parentKind,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
  uploadedBy: { id: row.uploadedBy },
  uploadedAt: row.uploadedAt.toISOString(),
  downloadUrl: downloadUrlOf(row.id),
  isImage: row.contentType.startsWith('image/'),
});

/**
 * Reads the one `file` part of a multipart body into the incoming directory, as it streams.
 * Rejects at once when the file passes the limit, its name is refused, or the client goes away
 * half-way (the partial file is removed before the promise settles, so nothing is left).
 */
function receiveMultipart(req: Request, dir: string, maxBytes: number): Promise<{ fileName: string; file: ReceivedFile }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe();
      reject(err);
    };
    let bb: busboy.Busboy;
    try {
      // preservePath: the name as sent, so that a path in it is refused rather than quietly cut off.
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        preservePath: true,
        limits: { files: 1, fields: 10, parts: 11, fileSize: maxBytes + 1 },
      });
    } catch {
      return fail(new AppError('BAD_USER_INPUT', 'Send the file as multipart/form-data, in a part named "file".', { status: 415 }));
    }
    let current: Readable | null = null;
    let pending: Promise<{ fileName: string; file: ReceivedFile }> | null = null;
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || pending || settled) return stream.resume();
      const fileName = (info.filename ?? '').normalize('NFC');
      const problem = fileNameProblem(fileName);
      if (problem) {
        stream.resume();
        return fail(badInput('fileName', problem));
      }
      current = stream;
      pending = receiveFile(dir, stream, maxBytes).then((file) => ({ fileName, file }));
      pending.catch(fail);
    });
    bb.on('error', (err) => {
      current?.destroy(err as Error);
      fail(new AppError('BAD_USER_INPUT', 'The upload is not a well-formed multipart body.', { field: 'file' }));
    });
    bb.on('close', () => {
      if (!pending) return fail(badInput('file', 'Send the file in a multipart part named "file".'));
      pending.then((r) => {
        if (settled) return void r.file.remove();
        settled = true;
        resolve(r);
      }, fail);
    });
    // A client that goes away half-way: the partial file is removed and nothing is recorded.
    req.on('close', () => {
      if (req.complete) return;
      const cut = new AppError('BAD_USER_INPUT', 'The upload was cut off before its end.', { field: 'file' });
      if (current) current.destroy(cut);
      else fail(cut);
    });
    req.pipe(bb);
  });
}

/**
 * Evidence over HTTP, with the same sign-in, scoping and masking as the API.
 *
 * `POST /files?parentKind=ACTION|PROBLEM|DIAGNOSIS|OPINION&parentId=…`, a multipart/form-data body
 * with one part named `file`: the right to attach is checked before the body is read; the file
 * streams to disk (hashed on the way) and is refused with 413 past EVIDENCE_MAX_MB, with 415 when
 * its content is not an allowed type, with 400 for a name with path or control characters; a
 * refused or cut-off upload leaves no row and no file. Answers 201 `{ evidence }`.
 *
 * `GET /files/:id`: the bytes, for whoever may see the parent (404 NOT_FOUND otherwise), as an
 * attachment (`?inline=1` for an image, which the web app previews from a blob), never sniffed,
 * never cached; each download is audited.
 */
export function evidenceRoutes(services: HubServices): Router {
  const router = Router();

  router.post('/files', async (req, res) => {
    // Named before anything is checked, so that a refusal at any step is audited as an upload.
    const upload: UploadFacts = { parentKind: req.query.parentKind, parentId: req.query.parentId };
    res.locals.upload = upload;
    const scope = auditScope.getStore();
    if (scope) scope.operation = 'uploadEvidence';
    const viewer = await viewerOf(services, req);
    if (scope) scope.actorId = viewer.id;
    const parent = parentOf(req);
    const maxBytes = services.evidence.maxBytes;
    await services.evidence.checkAttach(viewer, parent);
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? ''))
      throw new AppError('BAD_USER_INPUT', 'Send the file as multipart/form-data, in a part named "file".', { status: 415 });
    if ((req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity')
      throw new AppError('BAD_USER_INPUT', 'Send the file uncompressed (no Content-Encoding).', { status: 415 });
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + FRAMING_BYTES) throw tooLarge(maxBytes);
    const { fileName, file } = await receiveMultipart(req, services.evidence.storage.incomingDir, maxBytes);
    Object.assign(upload, { fileName, size: file.size, sha256: file.sha256 });
    let row: EvidenceRow;
    try {
      if (scope) {
        scope.isMutation = true;
        scope.detail = JSON.stringify({ parentKind: parent.kind, parentId: parent.id, fileName, size: file.size, sha256: file.sha256 });
      }
      row = await services.evidence.attach(viewer, parent, fileName, file);
    } finally {
      // Gone before the answer: whoever hears the answer finds nothing spooled.
      await file.remove();
    }
    res.status(201).json({ evidence: evidenceJson(row) });
  });

  router.get('/files/:id', async (req, res) => {
    const viewer = await viewerOf(services, req);
    const { row, body } = await services.evidence.download(viewer, req.params.id ?? '', auditScope.getStore());
    const inline = req.query.inline === '1' && row.contentType.startsWith('image/');
    res.setHeader('Content-Type', row.contentType);
    res.setHeader('Content-Length', String(row.size));
    res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', row.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    // A file is never a page: nothing in it runs, even opened directly.
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    body.on('error', (err) => {
      services.deps.log.error({ err, evidenceId: row.id }, 'evidence download failed');
      res.destroy(err);
    });
    body.pipe(res);
  });

  router.use('/files', async (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const upload = res.locals.upload as UploadFacts | undefined;
    const scope = auditScope.getStore();
    if (upload && scope) {
      // A refused upload (too large, a type not allowed, a bad name, cut off, no right to the parent) is audited with
      // its reason, after its transaction (if any) rolled back: the attempt stands in the trail, the file nowhere.
      const code = err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR';
      const reason = err instanceof AppError ? err.message : 'The upload failed.';
      await services.audit.afterResponse(
        { ...scope, operation: 'uploadEvidence', isMutation: true, detail: auditDetail({ ...upload, reason }) },
        code,
      );
    }
    if (res.headersSent) return next(err);
    if (err instanceof AppError && (STATUS[err.code] || err.extensions.status)) {
      const status = typeof err.extensions.status === 'number' ? err.extensions.status : STATUS[err.code]!;
      // The rest of a refused upload is not read: the client is told to stop sending.
      if (!req.complete) res.set('Connection', 'close');
      const { status: _s, ...extensions } = err.extensions as Record<string, unknown>;
      res.status(status).json({ error: { code: err.code, message: err.message, ...extensions } });
      return;
    }
    services.deps.log.error({ err }, 'evidence request failed');
    if (!req.complete) res.set('Connection', 'close');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'The request failed.' } });
  });

  return router;
}
