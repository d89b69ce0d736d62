import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PROJECT_ROOT } from './env.js';
import { oneAtATime, storageFull, type Db, type DbStats, type Store } from './db.js';

export const PG_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations', 'postgres');

/**
 * Advisory-lock keys (one namespace for the hub). WRITE serializes write transactions across every
 * hub process, as SQLite's single writer does on one machine: the event log's cursor order is then
 * its commit order (a reader resuming `after` a cursor can never miss a row committed later with a
 * smaller cursor), the audit chain appends to the true last row, and read-then-write rules see the
 * state they check. Reads, which dominate, run in parallel on the pool and on replicas.
 */
const LOCK = { WRITE: 0x766f6301, MIGRATE: 0x766f6302 } as const;

/**
 * bigint (times in ms, counters) and numeric (sums) come back as JS numbers, as on SQLite; every
 * value the hub stores is below 2^53. Set on pg's global parsers because drizzle passes its own
 * per-query parsers, which fall back to the global ones (a pool's `types` option is overridden).
 */
function numbersAsNumbers(): void {
  pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));
}

/** Transaction control statements, which {@link DbStats.statements} does not count (see openPgStore). */
const TX_CONTROL = /^\s*(begin|commit|rollback|savepoint|release savepoint)\b|^\s*SELECT pg_advisory_xact_lock\(/i;

export interface PgStoreOptions {
  /** Connections for reads and transactions; writers are serialized, so a few suffice. */
  poolSize?: number;
}

/** Applies the PostgreSQL migrations not yet applied, one transaction each, one process at a time. */
export async function migratePg(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK.MIGRATE]);
    await client.query('CREATE TABLE IF NOT EXISTS hub_migrations (name text COLLATE "C" PRIMARY KEY, applied_at bigint NOT NULL)');
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM hub_migrations')).rows.map((r) => r.name));
    const files = fs
      .readdirSync(PG_MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const f of files) {
      if (done.has(f)) continue;
      const text = fs.readFileSync(path.join(PG_MIGRATIONS_DIR, f), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(text);
        await client.query('INSERT INTO hub_migrations (name, applied_at) VALUES ($1, $2)', [f, Date.now()]);
        await client.query('COMMIT');
        applied.push(f);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${f} failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK.MIGRATE]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** Connects, applies pending migrations, returns the store. */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<Store> {
  numbersAsNumbers();
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await migratePg(pool);
  const stats: DbStats = { statements: 0, transactions: 0 };
  // Counted as on SQLite, whose BEGIN/COMMIT bypass drizzle: the hub's own statements, not the
  // transaction bookkeeping drizzle sends through its logger here (begin, commit, rollback,
  // savepoints) nor the write lock, so that the N+1 guard measures the same thing on both.
  const logger = { logQuery: (query: string) => void (TX_CONTROL.test(query) || stats.statements++) };
  const db = drizzle({ client: pool, logger }) as NodePgDatabase;
  let open = true;

  const serial = oneAtATime();
  const transaction = <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      stats.transactions++;
      try {
        return await db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK.WRITE})`);
          const result = await work(tx as unknown as Db);
          await store.beforeCommit?.(tx as unknown as Db);
          return result;
        });
      } catch (err) {
        // 53100 disk_full, as SQLITE_FULL on SQLite.
        if ((err as { code?: string }).code === '53100') throw storageFull();
        throw err;
      }
    };
    // One writer per process at a time (the advisory lock orders processes): a burst of writes
    // waits here instead of holding every pooled connection while it waits for the lock.
    return serial(run);
  };

  const store: Store = {
    dialect: 'postgres',
    beforeCommit: null,
    read: db as unknown as Db,
    transaction,
    stats,
    file: '',
    get raw(): never {
      throw new Error('store.raw is the SQLite connection; this store runs on PostgreSQL');
    },
    get open() {
      return open;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (!open) return;
      open = false;
      await serial.idle();
      await pool.end();
    },
    async withLease<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
      // Session-level lock on a dedicated connection, held for the whole job, released even if it throws.
      const key = `hub:${name}`;
      const client = await pool.connect();
      try {
        const got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)::bigint) AS ok', [key])).rows[0]!.ok;
        if (!got) return undefined;
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1)::bigint)', [key]);
        }
      } finally {
        client.release();
      }
    },
  };
  return store;
}
