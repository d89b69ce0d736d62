import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Spool files: an upload written to disk before it is read (an import's CSV, an evidence file).
 * Each is named `<pid>-<uuid>.upload`: the pid says whose it is, so that a start can tell a dead
 * process's leftovers from a live process's work in the same directory.
 */
const NAME = /^(\d+)-[0-9a-f-]{36}\.upload$/;

/** A new spool file's path in `dir`, owned by this process. */
export const spoolPath = (dir: string): string => path.join(dir, `${process.pid}-${randomUUID()}.upload`);

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
 * Removes the spool files no running process owns: a process killed with -9 (or a power cut)
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
