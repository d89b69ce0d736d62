import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as tables from './tables.js';
import { PROJECT_ROOT } from './env.js';
import { AppError } from './errors.js';

export type Tables = typeof tables;
/** What repositories take as first argument: the read connection or an open transaction. */
export type Db = BetterSQLite3Database<Tables>;

export interface DbStats {
  /** SQL statements issued, for the N+1 guard in tests and for /metrics. */
  statements: number;
  transactions: number;
}

/**
 * The store as services see it: an async unit of work and a read handle. Services never touch the
 * driver, so the PostgreSQL path can implement the same interface.
 */
export interface Store {
  readonly dialect: 'sqlite';
  /** Committed data only; never sees a transaction in progress. */
  readonly read: Db;
  /** Runs `work` in one serialized write transaction; rolls back when it throws. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  readonly stats: DbStats;
  readonly file: string;
  /** The raw writer connection: for tools (backup, integrity check), never for services. */
  readonly raw: Database.Database;
  /**
   * Runs inside every write transaction just before COMMIT (the audit trail appends its row there,
   * so that a change and its record commit together or not at all).
   */
  beforeCommit: ((tx: Db) => void) | null;
  /** A cheap query on the read connection, for /healthz. */
  ping(): void;
  close(): void;
}

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations', 'sqlite');

const REQUIRED_PRAGMAS = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1 } as const;
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens a connection with the durability settings the hub relies on and checks that each one
 * took: better-sqlite3 re-opens WAL files with synchronous=NORMAL, which would lose acknowledged
 * writes on power loss.
 */
export function openConnection(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const conn = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = FULL');
  conn.pragma('foreign_keys = ON');
  conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  assertPragmas(conn);
  return conn;
}

/** Throws, naming each pragma that is not as required. */
export function assertPragmas(conn: Database.Database): void {
  const wrong: string[] = [];
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    const actual = conn.pragma(name, { simple: true });
    if (String(actual).toLowerCase() !== String(expected)) wrong.push(`${name}=${String(actual)} (need ${expected})`);
  }
  const busy = Number(conn.pragma('busy_timeout', { simple: true }));
  if (busy < 5000) wrong.push(`busy_timeout=${busy} (need ≥ 5000)`);
  if (wrong.length) throw new Error(`SQLite did not take the required settings: ${wrong.join(', ')}`);
}

/** Opens (creating when needed) the database file, applies pending migrations, returns the store. */
export function openStore(file: string): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const writerConn = openConnection(file);
  const stats: DbStats = { statements: 0, transactions: 0 };
  const logger = { logQuery: () => void stats.statements++ };
  const writer = drizzle({ client: writerConn, schema: tables, logger });
  migrate(writer, { migrationsFolder: MIGRATIONS_DIR });
  const readerConn = openConnection(file);
  const reader = drizzle({ client: readerConn, schema: tables, logger });

  let queue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      writerConn.exec('BEGIN IMMEDIATE');
      stats.transactions++;
      try {
        const result = await work(writer);
        store.beforeCommit?.(writer);
        writerConn.exec('COMMIT');
        return result;
      } catch (err) {
        if (writerConn.inTransaction) writerConn.exec('ROLLBACK');
        // A full disk is an operator's problem, not a bug: say so plainly, keep serving reads.
        if ((err as { code?: string }).code === 'SQLITE_FULL')
          throw new AppError('INTERNAL_SERVER_ERROR', 'The hub’s storage is full; nothing was saved. Please try again later.', {
            reason: 'STORAGE_FULL',
          });
        throw err;
      }
    };
    // One writer at a time: requests never interleave inside a transaction.
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const store: Store = {
    dialect: 'sqlite',
    beforeCommit: null,
    read: reader,
    transaction,
    stats,
    file,
    raw: writerConn,
    ping() {
      readerConn.prepare('SELECT 1').get();
    },
    close() {
      readerConn.close();
      writerConn.close();
    },
  };
  return store;
}

/** Where the database lives: DATABASE_URL (a file path or `file:` URL) or `data/hub.sqlite`. */
export function databaseFile(databaseUrl: string, dataDir: string): string {
  if (!databaseUrl) return path.join(dataDir, 'hub.sqlite');
  if (databaseUrl.startsWith('postgres')) {
    throw new Error('DATABASE_URL: PostgreSQL is not available in this build yet; use a SQLite file path.');
  }
  return databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : databaseUrl;
}
