/**
 * The PostgreSQL migrations hold exactly the tables the code declares: every declared column exists
 * with the storage type and nullability the shared table objects need (core/sql.ts), and nothing
 * the code does not know about, but the `rowid` that stands in for SQLite's implicit one. A column
 * added by a SQLite migration without its PostgreSQL twin fails here.
 */
import { describe, it, expect } from 'vitest';
import pg from 'pg';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { allTables } from '../../../server/src/tools/pg-schema.js';
import { openPgStore } from '../../../server/src/core/db.pg.js';
import { createTestDatabase, serviceAvailable } from '../../utils/services.js';

const ready = await serviceAvailable('postgres', 'the PostgreSQL schema matches the table declarations');

const PG_TYPE: Record<string, string> = {
  SQLiteInteger: 'bigint',
  SQLiteTimestamp: 'bigint',
  SQLiteBoolean: 'bigint',
  SQLiteReal: 'double precision',
  SQLiteText: 'text',
  SQLiteTextJson: 'text',
  SQLiteBlobBuffer: 'bytea',
};
/** Not declared with drizzle: the rowid stand-in, and rate-limiter-flexible's sign-in counters (auth/login-throttle.ts). */
const EXTRA = new Set(['feedback.rowid', 'login_attempts.key', 'login_attempts.points', 'login_attempts.expire']);

describe.runIf(ready)('the PostgreSQL schema', () => {
  it('matches the table declarations column by column, and migrating twice changes nothing', async () => {
    const db = await createTestDatabase();
    try {
      const store = await openPgStore(db.url);
      await store.close();
      // A second start (another process) finds nothing to apply.
      const again = await openPgStore(db.url);
      await again.close();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const actual = new Map<string, { type: string; nullable: boolean; collation: string | null }>();
        const { rows } = await client.query<{ t: string; c: string; type: string; nullable: string; collation: string | null }>(
          `SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable, collation_name AS collation
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'hub_migrations'`,
        );
        for (const r of rows) actual.set(`${r.t}.${r.c}`, { type: r.type, nullable: r.nullable === 'YES', collation: r.collation });
        const declared = new Set<string>();
        for (const table of allTables()) {
          const cfg = getTableConfig(table);
          for (const col of cfg.columns) {
            const key = `${cfg.name}.${col.name}`;
            declared.add(key);
            const got = actual.get(key);
            expect(got, `${key} missing on PostgreSQL`).toBeDefined();
            expect(got!.type, key).toBe(PG_TYPE[col.columnType]);
            if (got!.type === 'text') expect(got!.collation, key).toBe('C');
            const inCompositeKey = cfg.primaryKeys.some((pk) => pk.columns.includes(col));
            expect(got!.nullable, `${key} nullability`).toBe(!col.notNull && !col.primary && !inCompositeKey);
          }
        }
        expect([...actual.keys()].filter((k) => !declared.has(k) && !EXTRA.has(k))).toEqual([]);
        const applied = await client.query('SELECT name FROM hub_migrations ORDER BY name');
        expect(applied.rows.length).toBeGreaterThanOrEqual(2);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });
});
