import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { HubDeps } from '../core/hub.js';
import { write, type EventFacts } from '../event/index.js';
import { closableIterator } from '../core/closable-iterator.js';
import type { Viewer } from '../core/viewer.rules.js';
import { AppError, badInput, forbidden, notFound } from '../core/errors.js';
import type { NotificationService, AlertSite } from '../notification/index.js';
import { parseCsv, type CsvRecord } from './csv.parser.js';
import { XlsxSheet, type XlsxLimits } from './xlsx.reader.js';
import { FileRefusal, refusalError, tooLarge, unreadable } from './import.errors.js';
import { spoolDirOf, spoolUpload, sweepSpool, type SpooledFile } from './upload.spool.js';
import {
  checkFileName,
  mapHeader,
  isBlank,
  mayImport,
  validateFeedbackRow,
  validateContactRow,
  MAX_REPORTED_REJECTS,
  type Columns,
  type Lookups,
  type FeedbackImportRow,
  type ContactImportRow,
} from './import.rules.js';
import {
  findImport,
  insertImport,
  updateImport,
  countBatch,
  insertFeedbackBatch,
  insertContactBatch,
  loadLookups,
  maxFeedbackRowid,
  maxContactId,
  type ImportRow,
} from './import.repository.js';
import type { ImportFormatCode, ImportKindCode } from './import.table.js';

export interface RejectedRow {
  row: number;
  reason: string;
}

/** Where an import stands: the counters as committed, plus the bytes read while it runs here. */
export interface ImportProgress {
  importId: string;
  kind: ImportKindCode;
  format: ImportFormatCode;
  fileName: string;
  status: ImportRow['status'];
  rowsRead: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  batches: number;
  rejectedRows: RejectedRow[];
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  bytesRead: number | null;
  totalBytes: number | null;
}

export interface ImportRequest {
  kind: ImportKindCode;
  format: ImportFormatCode;
  fileName: string;
  /** The text encoding of a CSV file (utf-8 by default; gb18030 for GBK exports). */
  encoding?: string | null;
  totalBytes?: number | null;
}

type Source = AsyncIterable<Buffer | Uint8Array | string>;
type Listener = (p: ImportProgress) => void;

const POLL_MS = 1_000;
const MB = 1024 * 1024;

/**
 * A file received for an import: on disk (spooled, or the CLI's own file), checked against the
 * limits, an XLSX file opened. `run` owns it from then on and disposes of it in every outcome.
 */
export class ReceivedFile {
  constructor(
    readonly path: string,
    readonly bytes: number,
    readonly sheet: XlsxSheet | null,
    private readonly spooled: SpooledFile | null,
  ) {}

  /** Closes the workbook and removes the spooled copy; safe to call twice. */
  async dispose(): Promise<void> {
    this.sheet?.close();
    await this.spooled?.remove();
  }
}

function progressOf(row: ImportRow, bytes: { read: number; total: number | null } | undefined): ImportProgress {
  return {
    importId: row.id,
    kind: row.kind,
    format: row.format,
    fileName: row.fileName,
    status: row.status,
    rowsRead: row.rowsRead,
    inserted: row.inserted,
    duplicates: row.duplicates,
    rejected: row.rejected,
    batches: row.batches,
    rejectedRows: JSON.parse(row.rejects) as RejectedRow[],
    error: row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    bytesRead: bytes?.read ?? null,
    totalBytes: bytes?.total ?? null,
  };
}

class ImportFailure extends Error {}

/**
 * Bulk import of feedback and contact records from the call-center system (CSV or XLSX):
 * streamed, validated row by row, written in batches of IMPORT_BATCH_ROWS, each batch one
 * transaction with its counters, its rollups and its event, so that a killed
 * import leaves whole batches only. Rejected rows are reported with their row number and reason;
 * good rows are kept. Every record's source key is kept, so that importing the same file again
 * (to finish a killed import, or by mistake) adds nothing.
 */
export class ImportService {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly bytes = new Map<string, { read: number; total: number | null }>();
  private readonly running = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    private readonly deps: HubDeps,
    private readonly notifications: NotificationService,
  ) {}

  private assertMayImport(viewer: Viewer): void {
    if (!mayImport(viewer.role)) throw forbidden('Only analysts and administrators import records.');
  }

  /** Registers an import (RUNNING, nothing read yet) and answers its id, for the caller to follow before it runs. */
  async begin(viewer: Viewer, request: ImportRequest): Promise<string> {
    this.assertMayImport(viewer);
    if (this.stopping) throw new AppError('INTERNAL_SERVER_ERROR', 'The server is shutting down.');
    const fileName = this.checkRequest(request);
    const id = randomUUID();
    await this.deps.store.transaction(async (tx) =>
      insertImport(tx, {
        id,
        kind: request.kind,
        format: request.format,
        fileName,
        status: 'RUNNING',
        startedBy: viewer.id,
        startedAt: this.deps.clock.now(),
      }),
    );
    this.bytes.set(id, { read: 0, total: request.totalBytes ?? null });
    return id;
  }

  /** The file name to store, or BAD_USER_INPUT: the name and the encoding are checked before anything is read. */
  checkRequest(request: ImportRequest): string {
    const name = checkFileName(request.fileName);
    if (!name.ok) throw badInput('fileName', `${name.reason}.`);
    if (request.encoding) {
      try {
        new TextDecoder(request.encoding);
      } catch {
        throw badInput('encoding', `${request.encoding} is not a text encoding this server knows.`);
      }
    }
    return name.name;
  }

  /** Where uploads are spooled. */
  get spoolDir(): string {
    return spoolDirOf(this.deps.env);
  }

  /** Removes what killed processes left in the spool directory; for the start, before any upload. */
  sweepSpool(): string[] {
    const removed = sweepSpool(this.spoolDir);
    if (removed.length)
      this.deps.log.info({ removed: removed.length, dir: this.spoolDir }, 'import: removed files left by stopped processes');
    return removed;
  }

  private get xlsxLimits(): XlsxLimits {
    const env = this.deps.env;
    return {
      maxExpandedBytes: env.IMPORT_XLSX_MAX_EXPANDED_MB * MB,
      maxStringsBytes: env.IMPORT_XLSX_MAX_STRINGS_MB * MB,
      maxRatio: env.IMPORT_XLSX_MAX_RATIO,
    };
  }

  /**
   * Receives a file before its import is registered, so that a refused file changes nothing: the
   * request is checked, the upload spooled to disk (at most IMPORT_MAX_MB; the CLI's own file is
   * read in place), an XLSX file opened within the XLSX limits (its size, ratio and shared strings
   * judged before anything is inflated), a CSV file's header checked for width. Throws
   * BAD_USER_INPUT (status 413 for the limits, 400 for a file that is not what it claims to be),
   * leaving no file behind.
   */
  async receive(request: ImportRequest, input: Readable | Source | { file: string }): Promise<ReceivedFile> {
    this.checkRequest(request);
    let spooled: SpooledFile | null = null;
    try {
      let file: { path: string; bytes: number };
      if ('file' in input && typeof input.file === 'string') file = { path: input.file, bytes: (await fs.promises.stat(input.file)).size };
      // A full disk or a client gone away is not the file's fault: those errors pass on as they are.
      else file = spooled = await spoolUpload(this.spoolDir, input as Readable | Source, this.deps.env.IMPORT_MAX_MB * MB);
      try {
        let sheet: XlsxSheet | null = null;
        if (request.format === 'XLSX') sheet = await XlsxSheet.open(file.path, this.xlsxLimits);
        else await checkCsvHeader(file.path, request.encoding ?? 'utf-8');
        return new ReceivedFile(file.path, file.bytes, sheet, spooled);
      } catch (err) {
        if (!(err instanceof FileRefusal)) this.deps.log.warn({ err }, 'import: file refused');
        throw unreadable(request.format, err);
      }
    } catch (err) {
      await spooled?.remove();
      throw err instanceof FileRefusal ? refusalError(err) : err;
    }
  }

  /**
   * Reads the file of a begun import to its end (or to its first fatal error) and answers the final
   * progress; a file not yet received is received first (a refusal then ends the import FAILED).
   * The file is disposed of in every outcome.
   */
  async run(viewer: Viewer, importId: string, request: ImportRequest, input: Readable | Source | ReceivedFile): Promise<ImportProgress> {
    const work = this.process(viewer, importId, request, input);
    this.running.add(work);
    try {
      return await work;
    } finally {
      this.running.delete(work);
    }
  }

  /** receive + begin + run: a refused file throws BAD_USER_INPUT and registers no import. */
  async importFile(viewer: Viewer, request: ImportRequest, input: Readable | Source | { file: string }): Promise<ImportProgress> {
    this.assertMayImport(viewer);
    const file = await this.receive(request, input);
    let importId: string;
    try {
      importId = await this.begin(viewer, { ...request, totalBytes: request.totalBytes ?? file.bytes });
    } catch (err) {
      await file.dispose();
      throw err;
    }
    return this.run(viewer, importId, request, file);
  }

  private async process(
    viewer: Viewer,
    importId: string,
    request: ImportRequest,
    input: Readable | Source | ReceivedFile,
  ): Promise<ImportProgress> {
    const batchRows = this.deps.env.IMPORT_BATCH_ROWS;
    const bytes = this.bytes.get(importId) ?? { read: 0, total: request.totalBytes ?? null };
    this.bytes.set(importId, bytes);
    let file: ReceivedFile | null = input instanceof ReceivedFile ? input : null;
    let columns: Columns | null = null;
    let lookups: Lookups | null = null;
    let pending: { good: (FeedbackImportRow | ContactImportRow)[]; rejects: RejectedRow[]; read: number } = {
      good: [],
      rejects: [],
      read: 0,
    };
    let reported = 0;
    const sites = new Map<string, AlertSite>();
    try {
      file ??= await this.receive(request, input as Readable | Source);
      bytes.total ??= file.bytes;
      const received = file;
      const records = received.sheet
        ? received.sheet.rows((fraction) => (bytes.read = Math.round(fraction * received.bytes)))
        : parseCsv(
            (async function* () {
              for await (const chunk of fs.createReadStream(received.path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
                bytes.read += chunk.length;
                yield chunk;
              }
            })(),
            request.encoding ?? 'utf-8',
          );
      for await (const batch of records) {
        for (const record of batch as CsvRecord[]) {
          if (!columns) {
            if (isBlank(record.fields)) continue;
            if (record.error) throw new ImportFailure(`Row ${record.row}: ${record.error}.`);
            const header = mapHeader(request.kind, record.fields);
            if (!header.ok) throw new ImportFailure(`Row ${record.row}: ${header.reason}.`);
            columns = header.columns;
            lookups = await loadLookups(this.deps.store.read, this.deps.clock.now().getTime());
            continue;
          }
          if (isBlank(record.fields)) continue;
          pending.read++;
          if (record.error) {
            pending.rejects.push({ row: record.row, reason: record.error });
            continue;
          }
          const checked =
            request.kind === 'FEEDBACK'
              ? validateFeedbackRow(record.fields, columns, lookups!)
              : validateContactRow(record.fields, columns, lookups!);
          if (checked.ok) {
            pending.good.push(checked.value);
            if (request.kind === 'FEEDBACK') addToSites(sites, checked.value as FeedbackImportRow);
          } else pending.rejects.push({ row: record.row, reason: checked.reason });
          if (pending.good.length + pending.rejects.length >= batchRows) {
            reported = await this.flush(viewer, importId, request.kind, pending, reported);
            pending = { good: [], rejects: [], read: 0 };
            if (this.stopping)
              throw new ImportFailure('The server stopped; import the file again to finish (rows already imported are skipped).');
          }
        }
      }
      if (!columns) throw new ImportFailure('The file has no header row.');
      if (pending.read) await this.flush(viewer, importId, request.kind, pending, reported);
      if (sites.size) {
        // Once for the whole file rather than per batch: a file's batches span the same days, and
        // the rule looks at everything around them. Rows already there count too, so that importing
        // a killed import's file again also finishes this step.
        const raised = await write(this.deps, (tx, _emit, at) => this.notifications.applyAlertRule(tx, [...sites.values()], at));
        if (raised) this.notifications.wake();
      }
      return await this.finish(importId, 'DONE', null);
    } catch (err) {
      const known = err instanceof ImportFailure || err instanceof AppError || err instanceof FileRefusal;
      // Library messages name internals ("invalid signature", "undefined entity"): logged, not shown.
      if (!known) this.deps.log.warn({ err, importId }, 'import failed');
      return await this.finish(importId, 'FAILED', known ? err.message : unreadable(request.format, err).message);
    } finally {
      this.bytes.delete(importId);
      await file?.dispose();
    }
  }

  /**
   * One batch, one transaction: keys, records, counters and the event together, and what the event
   * causes (rollups, similarity index: the modules' declared reactions to RECORDS_IMPORTED).
   */
  private async flush(
    viewer: Viewer,
    importId: string,
    kind: ImportKindCode,
    batch: { good: (FeedbackImportRow | ContactImportRow)[]; rejects: RejectedRow[]; read: number },
    reported: number,
  ): Promise<number> {
    const room = Math.max(0, MAX_REPORTED_REJECTS - reported);
    const newRejects = batch.rejects.slice(0, room);
    const row = await write(this.deps, async (tx, emit, at) => {
      let inserted: number;
      let imported: EventFacts['imported'];
      if (kind === 'FEEDBACK') {
        const rows = batch.good as FeedbackImportRow[];
        imported = { feedbackAfterRowid: await maxFeedbackRowid(tx) };
        inserted = await insertFeedbackBatch(tx, importId, rows, viewer.id, at);
      } else {
        imported = { contactsAfterId: await maxContactId(tx) };
        inserted = await insertContactBatch(tx, importId, batch.good as ContactImportRow[]);
      }
      const current = await findImport(tx, importId);
      const rejects =
        newRejects.length && current ? JSON.stringify([...(JSON.parse(current.rejects) as RejectedRow[]), ...newRejects]) : null;
      const updated = await countBatch(
        tx,
        importId,
        { rowsRead: batch.read, inserted, duplicates: batch.good.length - inserted, rejected: batch.rejects.length },
        rejects,
      );
      // What the batch causes (rollups, the similarity index) are the declared reactions' bulk
      // forms, run by this event with the batch's insertion mark.
      if (inserted)
        await emit(
          {
            type: 'RECORDS_IMPORTED',
            actorId: viewer.id,
            note: `${kind === 'FEEDBACK' ? '客户之声' : '联络记录'}导入 ${inserted} 条（${current?.fileName ?? ''}）`,
          },
          { imported },
        );
      return updated;
    });
    if (row) this.publish(row);
    return reported + newRejects.length;
  }

  private async finish(importId: string, status: 'DONE' | 'FAILED', error: string | null): Promise<ImportProgress> {
    const row = await this.deps.store.transaction(async (tx) =>
      updateImport(tx, importId, { status, error, finishedAt: this.deps.clock.now() }),
    );
    if (!row) throw notFound('Import', importId);
    const progress = progressOf(row, undefined);
    this.publish(row);
    return progress;
  }

  private publish(row: ImportRow): void {
    const progress = progressOf(row, this.bytes.get(row.id));
    for (const l of this.listeners.get(row.id) ?? []) l(progress);
  }

  /** An import as the viewer may see it: analysts and administrators see every import. */
  async find(viewer: Viewer, importId: string): Promise<ImportProgress> {
    this.assertMayImport(viewer);
    const row = await findImport(this.deps.store.read, importId);
    if (!row) throw notFound('Import', importId);
    return progressOf(row, this.bytes.get(row.id));
  }

  /**
   * An import's progress, live: where it stands now, then after every batch, ending with DONE or
   * FAILED. Batches committed by another process (the CLI) are seen by polling the import's row.
   */
  async watch(viewer: Viewer, importId: string): Promise<AsyncIterableIterator<ImportProgress>> {
    const first = await this.find(viewer, importId);
    const queue: ImportProgress[] = [first];
    let wake: (() => void) | null = null;
    let done = false;
    const stateOf = (p: { batches: number; status: string }) => `${p.batches}|${p.status}`;
    let seen = stateOf(first);
    const listener: Listener = (p) => {
      seen = stateOf(p);
      queue.push(p);
      wake?.();
    };
    const set = this.listeners.get(importId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(importId, set);
    const poll = setInterval(() => {
      findImport(this.deps.store.read, importId).then(
        (row) => {
          if (!done && row && stateOf(row) !== seen) listener(progressOf(row, this.bytes.get(row.id)));
        },
        (err: unknown) => {
          if (this.deps.store.open) this.deps.log.warn({ err, importId }, 'import: progress poll failed');
        },
      );
    }, POLL_MS);
    poll.unref();
    const cleanup = () => {
      done = true;
      clearInterval(poll);
      set.delete(listener);
      if (!set.size) this.listeners.delete(importId);
      wake?.();
    };
    async function* run(): AsyncGenerator<ImportProgress> {
      try {
        while (!done) {
          const p = queue.shift();
          if (!p) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
            continue;
          }
          yield p;
          if (p.status !== 'RUNNING') return;
        }
      } finally {
        cleanup();
      }
    }
    return closableIterator(run(), cleanup);
  }

  /** Lets running imports end at their next batch (they end FAILED, to be finished by importing again) and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }
}

/** Widens the site (category × branch) of a feedback row to its time, for the 3-in-3 rule. */
function addToSites(sites: Map<string, AlertSite>, r: FeedbackImportRow): void {
  if (!r.customerRef) return;
  const key = `${r.categoryId}|${r.branchId}`;
  const g = sites.get(key);
  if (!g) sites.set(key, { categoryId: r.categoryId, branchId: r.branchId, minAt: r.receivedAt, maxAt: r.receivedAt });
  else {
    g.minAt = Math.min(g.minAt, r.receivedAt);
    g.maxAt = Math.max(g.maxAt, r.receivedAt);
  }
}

/**
 * Refuses (413) a CSV file whose header row is wider or longer than any import reads: the header
 * is matched column by column, and a file of millions of columns is not a call-center export.
 */
async function checkCsvHeader(file: string, encoding: string): Promise<void> {
  const stream = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  try {
    for await (const batch of parseCsv(stream, encoding))
      for (const record of batch) {
        if (isBlank(record.fields) && !record.oversize) continue;
        if (record.oversize) throw tooLarge(`Row ${record.row}: ${record.error}; the header of an import file names its columns.`);
        return;
      }
  } finally {
    stream.destroy();
  }
}
