import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Db, Store } from '../core/db.js';
import { first } from '../core/sql.js';
import { evidenceChunks } from './evidence.table.js';

/** The bytes of one chunk kept in the database (evidence.table.ts). */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Where evidence bytes live, addressed by their sha256: the port every hub process reads through,
 * chosen by EVIDENCE_STORAGE. `keep` runs inside the write transaction that records the file, so a
 * store that can (the database) commits the bytes with the row; `open` streams them for a download.
 * An S3-compatible store would implement the same three methods.
 */
export interface EvidenceStorage {
  readonly kind: 'files' | 'database';
  /** Where uploads are spooled while they arrive and are checked (a private directory). */
  readonly incomingDir: string;
  /** Keeps the spooled file's bytes under their hash; the spooled file is the caller's to remove. */
  keep(tx: Db, sha256: string, spooled: string): Promise<void>;
  open(db: Db, sha256: string): Promise<Readable>;
}

/** The evidence directory of a SQLite database: beside the file, so that they are backed up together. */
export const evidenceDirOf = (databaseFile: string): string => path.join(path.dirname(path.resolve(databaseFile)), 'evidence');

const SHA = /^[0-9a-f]{64}$/;
const blobPath = (dir: string, sha256: string) => {
  if (!SHA.test(sha256)) throw new Error('not a sha256');
  return path.join(dir, sha256.slice(0, 2), sha256);
};

/**
 * The embedded default: content-addressed files under the data directory (`evidence/ab/abcd…`),
 * written once (an existing hash is the same bytes) and made read-only. The file is in place before
 * the row commits; a row never names a missing file.
 */
export function fileEvidenceStorage(dir: string): EvidenceStorage {
  return {
    kind: 'files',
    incomingDir: path.join(dir, '.incoming'),
    async keep(_tx, sha256, spooled) {
      const target = blobPath(dir, sha256);
      if (fs.existsSync(target)) return;
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temp = `${target}.${process.pid}.part`;
      await fs.promises.copyFile(spooled, temp);
      const handle = await fs.promises.open(temp, 'r');
      await handle.sync();
      await handle.close();
      await fs.promises.chmod(temp, 0o400);
      await fs.promises.rename(temp, target);
    },
    async open(_db, sha256) {
      return fs.createReadStream(blobPath(dir, sha256));
    },
  };
}

/**
 * The PostgreSQL default: the bytes in the database (evidence_chunks), written in the transaction
 * that records the file, so that every process serves them and pg_dump carries them. A download
 * reads one chunk at a time.
 */
export function databaseEvidenceStorage(incomingDir: string): EvidenceStorage {
  return {
    kind: 'database',
    incomingDir,
    async keep(tx, sha256, spooled) {
      const have = await first(
        tx.select({ seq: evidenceChunks.seq }).from(evidenceChunks).where(eq(evidenceChunks.sha256, sha256)).limit(1),
      );
      if (have) return;
      let seq = 0;
      for await (const chunk of fs.createReadStream(spooled, { highWaterMark: CHUNK_BYTES })) {
        await tx.insert(evidenceChunks).values({ sha256, seq: seq++, data: chunk as Buffer });
      }
      // An empty file still has its one (empty) chunk, so that "kept" is never ambiguous.
      if (seq === 0) await tx.insert(evidenceChunks).values({ sha256, seq: 0, data: Buffer.alloc(0) });
    },
    async open(db, sha256) {
      let next = 0;
      return new Readable({
        async read() {
          try {
            const row = await first(
              db
                .select({ data: evidenceChunks.data })
                .from(evidenceChunks)
                .where(and(eq(evidenceChunks.sha256, sha256), eq(evidenceChunks.seq, next))),
            );
            next++;
            this.push(row ? Buffer.from(row.data as Uint8Array) : null);
          } catch (err) {
            this.destroy(err as Error);
          }
        },
      });
    },
  };
}

/** The storage EVIDENCE_STORAGE names; `auto` keeps files beside a SQLite file and bytes in PostgreSQL. */
export function evidenceStorageFor(store: Store, choice: 'auto' | 'files' | 'database', dataDir: string): EvidenceStorage {
  const kind = choice === 'auto' ? (store.dialect === 'postgres' ? 'database' : 'files') : choice;
  if (kind === 'database') return databaseEvidenceStorage(path.join(dataDir, 'evidence-incoming'));
  if (store.dialect === 'postgres') return fileEvidenceStorage(path.join(dataDir, 'evidence'));
  return fileEvidenceStorage(evidenceDirOf(store.file));
}
