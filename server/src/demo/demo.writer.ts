/**
 * Writes the demo's rows through the drizzle tables, on SQLite and PostgreSQL alike, in multi-row
 * INSERTs sized to stay under either database's limit on bound parameters.
 */
import { getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import type { SQLiteInsertValue, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { DEMO_TABLES, type DemoRows } from './demo.rows.js';

/**
 * Bound parameters a statement may carry: SQLite's default SQLITE_MAX_VARIABLE_NUMBER (32,766) is
 * the lower of the two limits (PostgreSQL allows 65,535).
 */
const MAX_PARAMETERS = 32_766;
/** At most this many rows a statement: longer statements measured no faster on either database. */
const MAX_ROWS = 1_000;

/**
 * Inserts `rows` in order, in multi-row INSERTs as large as the parameter limit allows; answers how
 * many. Every row gives the same columns (those of the first). drizzle builds each statement once,
 * from the table object, with placeholders; the rows' values are encoded by the same table's columns
 * (Date → ms, boolean → 0/1) and bound to it, chunk after chunk: building a query object for every
 * chunk would cost four times the inserts themselves.
 */
async function insertAll<T extends SQLiteTable>(tx: Db, table: T, rows: Iterable<T['$inferInsert']>): Promise<number> {
  const columns: Record<string, Column> = getTableColumns(table);
  let keys: string[] = [];
  let encoders: ((value: unknown) => unknown)[] = [];
  let size = 0;
  const statements = new Map<number, { execute(values: Record<string, unknown>): PromiseLike<unknown> }>();
  const statement = (count: number) => {
    let prepared = statements.get(count);
    if (!prepared) {
      const width = keys.length;
      const values = Array.from({ length: count }, (_, i) =>
        Object.fromEntries(keys.map((key, j) => [key, sql`${sql.placeholder(String(i * width + j))}`])),
      ) as SQLiteInsertValue<T>[];
      prepared = tx.insert(table).values(values).prepare();
      statements.set(count, prepared);
    }
    return prepared;
  };
  let chunk: Record<string, unknown> = {};
  let inChunk = 0;
  let count = 0;
  const flush = async (): Promise<void> => {
    await statement(inChunk).execute(chunk);
    count += inChunk;
    chunk = {};
    inChunk = 0;
  };
  for (const row of rows) {
    const values: Record<string, unknown> = row;
    if (!keys.length) {
      keys = Object.keys(values);
      encoders = keys.map((key) => {
        const column = columns[key];
        if (!column) throw new Error(`demo: ${getTableName(table)} has no column ${key}`);
        return (value) => (value === null || value === undefined ? null : column.mapToDriverValue(value));
      });
      size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / keys.length)));
    }
    let at = inChunk * keys.length;
    for (let j = 0; j < keys.length; j++) chunk[at++] = encoders[j]!(values[keys[j]!]);
    if (++inChunk === size) await flush();
  }
  if (inChunk) await flush();
  return count;
}

/** Whether the database has no user yet: the demo loads only into an empty hub. */
export async function isEmpty(db: Db): Promise<boolean> {
  const { users } = DEMO_TABLES;
  return !(await first(db.select({ id: users.id }).from(users).limit(1)));
}

/** Writes every row, table by table in DEMO_TABLES' order. Answers the counts. */
export async function writeDemo(tx: Db, rows: DemoRows): Promise<Record<string, number>> {
  const n = {} as Record<keyof DemoRows, number>;
  for (const key of Object.keys(DEMO_TABLES) as (keyof DemoRows)[])
    n[key] = await insertAll(tx, DEMO_TABLES[key] as SQLiteTable, rows[key] as Iterable<Record<string, unknown>>);
  return {
    branches: n.branches,
    departments: n.departments,
    categories: n.categories,
    products: n.products,
    users: n.users,
    feedback: n.feedback,
    contacts: n.contactRecords,
    problems: n.problems,
    actions: n.actions,
    actionUpdates: n.actionUpdates,
    extensionRequests: n.extensionRequests,
    events: n.hubEvents,
  };
}
