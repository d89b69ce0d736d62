import { is, sql, type SQL } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';

/**
 * What repositories need beyond drizzle's query builder to run unchanged on SQLite and PostgreSQL.
 *
 * The hub's tables are declared once (with drizzle's SQLite column types, which give the TypeScript
 * types) and the PostgreSQL schema stores every column in the same representation (integers for
 * times and flags, text for JSON), so the same table objects build correct SQL for either dialect.
 * What differs is how a query is run: drizzle's SQLite driver is synchronous (`.all()`, `.get()`,
 * `.run()`), node-postgres is not. Repositories therefore only ever `await` a query (both drivers'
 * queries are thenables) and use these helpers for the rest; a lint rule keeps the synchronous calls
 * out of services.
 */
export type Dialect = 'sqlite' | 'postgres';

export const dialectOf = (db: Db): Dialect => (is(db as unknown, PgDatabase) ? 'postgres' : 'sqlite');

/** The first row of a query, or undefined (the dialect-neutral `.get()`). */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

/** Rows of a raw SQL query. */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  if (dialectOf(db) === 'postgres') return (await (db as unknown as PgDatabase<any>).execute(query)).rows as T[];
  return db.all<T>(query);
}

/** The first row of a raw SQL query, or undefined. */
export async function row<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/** Runs a raw SQL statement; returns how many rows it changed. */
export async function exec(db: Db, statement: SQL): Promise<number> {
  if (dialectOf(db) === 'postgres') return (await (db as unknown as PgDatabase<any>).execute(statement)).rowCount ?? 0;
  return db.run(statement).changes;
}

/**
 * How many rows an awaited insert/update/delete changed: SQLite answers `{ changes }`,
 * node-postgres `{ rowCount }`.
 */
export function changed(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

/** The same expression written for each dialect, chosen by the connection it runs on. */
export const pick = (db: Db, forms: { sqlite: SQL; postgres: SQL }): SQL => forms[dialectOf(db)];

/** Scalar max/min of two values: SQLite's two-argument max()/min(), PostgreSQL's GREATEST/LEAST. */
export const greatest = (db: Db, a: SQL | unknown, b: SQL | unknown): SQL =>
  dialectOf(db) === 'postgres' ? sql`GREATEST(${a}, ${b})` : sql`max(${a}, ${b})`;
export const least = (db: Db, a: SQL | unknown, b: SQL | unknown): SQL =>
  dialectOf(db) === 'postgres' ? sql`LEAST(${a}, ${b})` : sql`min(${a}, ${b})`;
