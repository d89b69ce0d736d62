import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openConnection } from '../core/db.js';

/**
 * Takes a consistent copy of a live database with `VACUUM INTO`: it reads one snapshot (a single
 * read transaction, which in WAL mode never blocks the hub's writers), so the copy holds every
 * transaction committed before it began and none half-written. The page-by-page backup API would
 * restart whenever another connection writes, and never finish under steady load.
 */
export async function backupDatabase(source: string, destination: string): Promise<{ pages: number; integrity: string }> {
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; choose a new file.`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const conn = openConnection(source);
  try {
    conn.prepare('VACUUM INTO ?').run(destination);
    const copy = new Database(destination, { readonly: true });
    const pages = Number(copy.pragma('page_count', { simple: true }));
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    copy.close();
    return { pages, integrity };
  } finally {
    conn.close();
  }
}

/**
 * Restores a backup over the database file: the hub must be stopped. Checks the copy first, then
 * replaces the file and removes the old write-ahead log so that it is not replayed onto the copy.
 */
export function restoreDatabase(backup: string, target: string): { integrity: string } {
  const copy = new Database(backup, { readonly: true });
  const integrity = String(copy.pragma('integrity_check', { simple: true }));
  copy.close();
  if (integrity !== 'ok') throw new Error(`The backup failed its integrity check: ${integrity}`);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.copyFileSync(backup, `${target}.restoring`);
  fs.renameSync(`${target}.restoring`, target);
  return { integrity };
}
