import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openConnection } from '../core/db.js';
import { evidenceDirOf } from '../evidence/index.js';

/**
 * Takes a consistent copy of a live database with `VACUUM INTO`: it reads one snapshot (a single
 * read transaction, which in WAL mode never blocks the hub's writers), so the copy holds every
 * transaction committed before it began and none half-written. The page-by-page backup API would
 * restart whenever another connection writes, and never finish under steady load. The evidence
 * files beside the database (evidence/) are copied after the snapshot to `<destination>-evidence/`.
 */
export async function backupDatabase(
  source: string,
  destination: string,
): Promise<{ pages: number; integrity: string; evidenceFiles: number }> {
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; choose a new file.`);
  if (fs.existsSync(evidenceCopyOf(destination))) throw new Error(`${evidenceCopyOf(destination)} exists; choose a new file.`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const conn = openConnection(source);
  try {
    conn.prepare('VACUUM INTO ?').run(destination);
    const copy = new Database(destination, { readonly: true });
    const pages = Number(copy.pragma('page_count', { simple: true }));
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    copy.close();
    // After the snapshot: every file a row of the copy names was in place before its row committed.
    const evidenceFiles = copyEvidence(evidenceDirOf(source), evidenceCopyOf(destination));
    return { pages, integrity, evidenceFiles };
  } finally {
    conn.close();
  }
}

/** Where a backup keeps the evidence files beside its database copy: `<backup>-evidence/`. */
export const evidenceCopyOf = (backupFile: string): string => `${path.resolve(backupFile)}-evidence`;

const BLOB = /^[0-9a-f]{64}$/;

/**
 * Copies the content-addressed evidence files (`ab/abcd…`) that the target lacks; a file of the
 * same name is the same bytes. Spooled uploads in progress are not evidence and stay behind.
 * Answers how many files the target holds.
 */
function copyEvidence(from: string, to: string): number {
  if (!fs.existsSync(from)) return 0;
  let held = 0;
  for (const shard of fs.readdirSync(from)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const name of fs.readdirSync(path.join(from, shard))) {
      if (!BLOB.test(name)) continue;
      const target = path.join(to, shard, name);
      if (!fs.existsSync(target)) {
        fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        fs.copyFileSync(path.join(from, shard, name), `${target}.part`);
        fs.renameSync(`${target}.part`, target);
      }
      held++;
    }
  }
  return held;
}

/**
 * Restores a backup over the database file: the hub must be stopped. Checks the copy first, then
 * replaces the file and removes the old write-ahead log so that it is not replayed onto the copy,
 * then puts back the evidence files the backup carries (`<backup>-evidence/`).
 */
export function restoreDatabase(backup: string, target: string): { integrity: string; evidenceFiles: number } {
  const copy = new Database(backup, { readonly: true });
  const integrity = String(copy.pragma('integrity_check', { simple: true }));
  copy.close();
  if (integrity !== 'ok') throw new Error(`The backup failed its integrity check: ${integrity}`);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.copyFileSync(backup, `${target}.restoring`);
  fs.renameSync(`${target}.restoring`, target);
  // The evidence files the backup holds join the target's (files it has beyond them are named by no row of the copy).
  const evidenceFiles = copyEvidence(evidenceCopyOf(backup), evidenceDirOf(target));
  return { integrity, evidenceFiles };
}
