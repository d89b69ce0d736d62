/**
 * The storm_clusters migration gives the alerts raised before it the state the 3-in-3 rule now
 * keeps (issue #15): each linked report's alert on its row, the alert's distinct customers and
 * report count, its first reports as representatives. On the suite's database, SQLite or PostgreSQL.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../../../server/src/core/db.js';
import { PG_MIGRATIONS_DIR } from '../../../server/src/core/db.pg.js';
import { tempDir } from '../../utils/hub.js';
import { createTestDatabase, testDatabase } from '../../utils/services.js';

const SQLITE_TAG = '0009_storm_clusters';
const PG_FILE = '0003_storm_clusters.sql';

/** An alert of 40 reports by 39 customers (one customer reported twice), raised before the migration. */
const BEFORE = [
  "INSERT INTO feedback_clusters (id, category_id, branch_id, first_at, last_at, customers, created_at) VALUES (7, 'cat', 'br', 1000, 1039, 39, 2000)",
  ...Array.from(
    { length: 40 },
    (_, k) =>
      `INSERT INTO feedback (id, kind, channel, category_id, branch_id, received_at, text, complaint, customer_ref, created_at)
       VALUES ('f${String(k).padStart(2, '0')}', 'PROBLEM', 'VOICE', 'cat', 'br', ${1000 + k}, '转账失败', 0, 'C-${k === 39 ? 0 : k}', 2000)`,
  ),
  ...Array.from(
    { length: 40 },
    (_, k) => `INSERT INTO feedback_cluster_items (feedback_id, cluster_id) VALUES ('f${String(k).padStart(2, '0')}', 7)`,
  ),
  // A report of no alert.
  "INSERT INTO feedback (id, kind, channel, category_id, branch_id, received_at, text, complaint, customer_ref, created_at) VALUES ('free', 'PROBLEM', 'VOICE', 'cat', 'br', 1500, '别的', 0, 'C-99', 2000)",
];

type Query = (text: string) => Promise<Record<string, unknown>[]>;

async function checkBackfill(q: Query): Promise<void> {
  expect(await q('SELECT reports, customers FROM feedback_clusters WHERE id = 7')).toEqual([{ reports: 40, customers: 39 }]);
  expect(await q('SELECT count(*) AS n FROM feedback WHERE cluster_id = 7')).toEqual([{ n: 40 }]);
  expect(await q("SELECT cluster_id FROM feedback WHERE id = 'free'")).toEqual([{ cluster_id: null }]);
  expect(await q('SELECT count(*) AS n FROM feedback_cluster_customers WHERE cluster_id = 7')).toEqual([{ n: 39 }]);
  // The first 32 reports, by time received, represent the alert.
  const reps = await q('SELECT feedback_id FROM feedback_cluster_items WHERE cluster_id = 7 AND rep = 1 ORDER BY feedback_id');
  expect(reps.map((r) => r.feedback_id)).toEqual(Array.from({ length: 32 }, (_, k) => `f${String(k).padStart(2, '0')}`));
}

describe.runIf(testDatabase() === 'sqlite')('the storm_clusters migration on SQLite', () => {
  it('backfills the alerts raised before it', async () => {
    const dir = tempDir();
    try {
      // The migrations as they were before this one.
      const before = path.join(dir, 'migrations');
      fs.cpSync(MIGRATIONS_DIR, before, { recursive: true });
      const journalFile = path.join(before, 'meta', '_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
      const mine = journal.entries.find((e) => e.tag === SQLITE_TAG)!;
      journal.entries = journal.entries.filter((e) => e.idx < mine.idx);
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const conn = new Database(path.join(dir, 'hub.sqlite'));
      const db = drizzle({ client: conn });
      migrate(db, { migrationsFolder: before });
      // The rows above name no real category or branch.
      conn.pragma('foreign_keys = OFF');
      for (const s of BEFORE) conn.exec(s);
      conn.pragma('foreign_keys = ON');
      migrate(db, { migrationsFolder: MIGRATIONS_DIR });
      await checkBackfill(async (text) => conn.prepare(text).all() as Record<string, unknown>[]);
      conn.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(testDatabase() === 'postgres')('the storm_clusters migration on PostgreSQL', () => {
  it('backfills the alerts raised before it', async () => {
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const files = fs
        .readdirSync(PG_MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort();
      for (const f of files.slice(0, files.indexOf(PG_FILE))) await client.query(fs.readFileSync(path.join(PG_MIGRATIONS_DIR, f), 'utf8'));
      // The rows above name no real category or branch.
      await client.query('SET session_replication_role = replica');
      for (const s of BEFORE) await client.query(s);
      await client.query('SET session_replication_role = DEFAULT');
      await client.query(fs.readFileSync(path.join(PG_MIGRATIONS_DIR, PG_FILE), 'utf8'));
      // bigint arrives as a string from pg: compare as numbers.
      await checkBackfill(async (text) =>
        (await client.query(text)).rows.map((r: Record<string, unknown>) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && k !== 'feedback_id' ? Number(v) : v]),
          ),
        ),
      );
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
