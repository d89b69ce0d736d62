import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Env } from '../core/env.js';
import { spoolPath } from '../core/spool.js';
import { tooLarge } from './import.errors.js';

/** The directory uploads are spooled to: IMPORT_TMP_DIR, or DATA_DIR/import-tmp. */
export const spoolDirOf = (env: Pick<Env, 'IMPORT_TMP_DIR' | 'DATA_DIR'>): string =>
  env.IMPORT_TMP_DIR || path.join(env.DATA_DIR, 'import-tmp');

/** An upload on disk, for as long as its import reads it. `remove` is idempotent and never throws. */
export interface SpooledFile {
  readonly path: string;
  readonly bytes: number;
  remove(): Promise<void>;
}

const removeQuietly = (file: string) => fs.promises.rm(file, { force: true }).catch(() => undefined);

/**
 * Writes an upload to a new file of the spool directory, refusing it (413) as soon as it passes
 * `maxBytes`. On any failure the partial file is removed before the error is passed on; on
 * success the caller owns the file and must `remove()` it in every outcome.
 */
export async function spoolUpload(
  dir: string,
  source: Readable | AsyncIterable<Buffer | Uint8Array | string>,
  maxBytes: number,
): Promise<SpooledFile> {
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = spoolPath(dir);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > maxBytes) done(tooLarge(`The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB.`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(source, limit, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await removeQuietly(file);
    throw err;
  }
  return { path: file, bytes, remove: () => removeQuietly(file) };
}

export { sweepSpool } from '../core/spool.js';
