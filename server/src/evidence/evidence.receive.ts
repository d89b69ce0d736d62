import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { AppError } from '../core/errors.js';
import { spoolPath } from '../core/spool.js';
import { compoundTypeOf, firstLook, hasControlCharacters, HEAD_BYTES, ooxmlTypeOf, type EvidenceTypeCode } from './evidence.rules.js';

/** An upload spooled to disk and measured on the way: what the type decision and the storage need. */
export interface ReceivedFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly head: Buffer;
  /** The whole file decoded as UTF-8 without a control character. */
  readonly plainText: boolean;
  remove(): Promise<void>;
}

/** 413 with the contract's BAD_USER_INPUT: the file passed EVIDENCE_MAX_MB. */
export const tooLarge = (maxBytes: number) =>
  new AppError('BAD_USER_INPUT', `The file is larger than ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB.`, {
    field: 'file',
    status: 413,
  });

const removeQuietly = (file: string) => fs.promises.rm(file, { force: true }).catch(() => undefined);

/**
 * Streams one upload into a new file of the incoming directory while hashing it (sha256), keeping
 * its first bytes and checking whether it is plain UTF-8 text; refuses it (413) the moment it passes
 * `maxBytes`. On any failure (too large, the client gone half-way) the partial file is removed
 * before the error is passed on; on success the caller must `remove()` it in every outcome.
 */
export async function receiveFile(dir: string, source: Readable, maxBytes: number): Promise<ReceivedFile> {
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = spoolPath(dir);
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let head = Buffer.alloc(0);
  let plainText = true;
  const measure = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLarge(maxBytes));
      hash.update(chunk);
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      if (plainText) {
        try {
          plainText = !hasControlCharacters(decoder.decode(chunk, { stream: true }));
        } catch {
          plainText = false;
        }
      }
      done(null, chunk);
    },
    flush(done) {
      if (plainText) {
        try {
          decoder.decode();
        } catch {
          plainText = false;
        }
      }
      done();
    },
  });
  try {
    await pipeline(source, measure, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await removeQuietly(file);
    throw err;
  }
  return { path: file, size, sha256: hash.digest('hex'), head, plainText, remove: () => removeQuietly(file) };
}

const CONTENT_TYPES_MAX = 1024 * 1024;

/** The text of a ZIP's `[Content_Types].xml`, or null when it has none (or it is not a readable ZIP). */
function contentTypesOf(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return resolve(null);
      let done = false;
      const finish = (value: string | null) => {
        if (done) return;
        done = true;
        zip.close();
        resolve(value);
      };
      zip.on('error', () => finish(null));
      zip.on('end', () => finish(null));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== '[Content_Types].xml') return zip.readEntry();
        if (entry.uncompressedSize > CONTENT_TYPES_MAX) return finish(null);
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return finish(null);
          const parts: Buffer[] = [];
          let bytes = 0;
          stream.on('data', (c: Buffer) => {
            bytes += c.length;
            if (bytes > CONTENT_TYPES_MAX) stream.destroy();
            else parts.push(c);
          });
          stream.on('error', () => finish(null));
          stream.on('end', () => finish(Buffer.concat(parts).toString('utf8')));
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * The type of a received file, from its content alone: the first bytes, then for a ZIP the main
 * part its `[Content_Types].xml` declares (Office documents; any other archive is refused), for a
 * compound file the streams it holds (legacy Word and Excel), for anything else the whole file
 * being UTF-8 text. Null: not an allowed type.
 */
export async function decideType(file: ReceivedFile): Promise<EvidenceTypeCode | null> {
  if (file.size === 0) return null;
  const look = firstLook(file.head);
  if (look === 'zip') {
    const types = await contentTypesOf(file.path);
    return types === null ? null : ooxmlTypeOf(types);
  }
  if (look === 'cfb') return compoundTypeOf(await fs.promises.readFile(file.path));
  if (look === 'text') return file.plainText ? 'txt' : null;
  return look;
}
