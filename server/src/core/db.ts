import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './env.js';
import { AppError } from './errors.js';

/**
 * What repositories take as first argument: the read connection or an open transaction, on SQLite or
 * PostgreSQL. It is typed as drizzle's SQLite database because the tables are declared once with
 * SQLite column types (see core/sql.ts); repositories only `await` queries and use core/sql.ts for
 * raw SQL, which both dialects support — never the SQLite driver's synchronous `.all()/.get()/.run()`.
 */
export type Db = BetterSQLite3Database;

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
  readonly dialect: 'sqlite' | 'postgres';
  /** Committed data only; never sees a transaction in progress. */
  readonly read: Db;
  /** Runs `work` in one serialized write transaction; rolls back when it throws. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  readonly stats: DbStats;
  /** SQLite only: the database file. */
  readonly file: string;
  /** SQLite only: the raw writer connection, for tools (backup, integrity check), never for services. */
  readonly raw: Database.Database;
  /** False once closed: background loops stop. */
  readonly open: boolean;
  /**
   * Runs inside every write transaction just before COMMIT (the audit trail appends its row there,
   * so that a change and its record commit together or not at all).
   */
  beforeCommit: ((tx: Db) => Promise<void>) | null;
  /**
   * Runs a background job (deadline scan, digest, indexing) only if no other hub process is running
   * it now; answers undefined when another holds it. On SQLite one process owns the file's writer,
   * and the jobs' own marks make them exactly-once; PostgreSQL takes an advisory lock.
   */
  withLease<T>(name: string, work: () => Promise<T>): Promise<T | undefined>;
  /** A cheap query on the read connection, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs tasks one after another, each when the previous one has settled: a process's write
 * transactions never interleave. `idle()` settles when everything queued so far has.
 */
export function oneAtATime(): (<T>(task: () => Promise<T>) => Promise<T>) & { idle(): Promise<unknown> } {
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  return Object.assign(run, { idle: () => queue });
}

/** A full disk is an operator's problem, not a bug: said plainly, with nothing saved. */
export const storageFull = (): AppError =>
  new AppError('INTERNAL_SERVER_ERROR', 'The hub’s storage is full; nothing was saved. Please try again later.', {
    reason: 'STORAGE_FULL',
  });

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

/**
 * Keeps the connection's last `capacity` prepared statements by SQL text. drizzle prepares every
 * query it runs anew; compiling the SQL is a fifth of a small page's database time, and the hub
 * sends the same texts over and over. A statement is only ever run synchronously to completion
 * (drizzle's all/get/run/values, never iterate), so one statement can serve every caller; its
 * raw (array) mode, which drizzle switches on for mapped selects, is reset on each reuse.
 */
export function cacheStatements(conn: Database.Database, capacity = 256): Database.Database {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, Database.Statement>();
  conn.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as Database.Database['prepare'];
  return conn;
}

/** Opens (creating when needed) the database file, applies pending migrations, returns the store. */
export function openStore(file: string): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const writerConn = cacheStatements(openConnection(file));
  const stats: DbStats = { statements: 0, transactions: 0 };
  const logger = { logQuery: () => void stats.statements++ };
  const writer = drizzle({ client: writerConn, logger });
  migrate(writer, { migrationsFolder: MIGRATIONS_DIR });
  const readerConn = cacheStatements(openConnection(file));
  const reader = drizzle({ client: readerConn, logger });

  const serial = oneAtATime();
  const transaction = <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      writerConn.exec('BEGIN IMMEDIATE');
      stats.transactions++;
      try {
        const result = await work(writer);
        await store.beforeCommit?.(writer);
        writerConn.exec('COMMIT');
        return result;
      } catch (err) {
        if (writerConn.inTransaction) writerConn.exec('ROLLBACK');
        // Reads go on being served.
        if ((err as { code?: string }).code === 'SQLITE_FULL') throw storageFull();
        throw err;
      }
    };
    // One writer at a time: requests never interleave inside a transaction.
    return serial(run);
  };

  const store: Store = {
    dialect: 'sqlite',
    beforeCommit: null,
    read: reader,
    transaction,
    stats,
    file,
    raw: writerConn,
    get open() {
      return writerConn.open;
    },
    withLease: (_name, work) => work(),
    async ping() {
      readerConn.prepare('SELECT 1').get();
    },
    async close() {
      readerConn.close();
      writerConn.close();
    },
  };
  return store;
}

/** Where a SQLite database lives: DATABASE_URL (a file path or `file:` URL) or `data/hub.sqlite`. */
export function databaseFile(databaseUrl: string, dataDir: string): string {
  if (!databaseUrl) return path.join(dataDir, 'hub.sqlite');
  return databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : databaseUrl;
}
