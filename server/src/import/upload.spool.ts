import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Env } from '../core/env.js';
import { tooLarge } from './import.errors.js';

/** The directory uploads are spooled to: IMPORT_TMP_DIR, or DATA_DIR/import-tmp. */
export const spoolDirOf = (env: Pick<Env, 'IMPORT_TMP_DIR' | 'DATA_DIR'>): string =>
  env.IMPORT_TMP_DIR || path.join(env.DATA_DIR, 'import-tmp');

// `<pid>-<uuid>.upload`: the pid says whose it is, so that a start can tell a dead process's file.
const NAME = /^(\d+)-[0-9a-f-]{36}\.upload$/;

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
  const file = path.join(dir, `${process.pid}-${randomUUID()}.upload`);
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the spooled files no running process owns: a process killed with -9 (or a power cut)
 * never reaches its `finally`. Run at start, before this process spools anything, so that a file
 * named for this very pid is a leftover too (in a container the hub is pid 1 at every start).
 * Files of other live processes (a CLI import, a second hub) are kept; other names are not ours.
 * Answers the names removed.
 */
export function sweepSpool(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(NAME.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || (pid !== process.pid && alive(pid))) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Left for the next start; it is never read again.
    }
  }
  return removed;
}
