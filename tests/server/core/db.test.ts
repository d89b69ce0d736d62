import { describe, it, expect } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openStore, openConnection, assertPragmas, MIGRATIONS_DIR } from '../../../server/src/core/db.js';
import { tempDir } from '../../utils/temp.js';
import { categories } from '../../../server/src/org/org.table.js';

describe('SQLite store', () => {
  it('migrates an empty database to every table of the data model', () => {
    const dir = tempDir();
    const store = openStore(path.join(dir, 'hub.sqlite'));
    const tables = store.raw
      .prepare(
        "SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name",
      )
      .all()
      .map((r) => (r as { name: string }).name);
    for (const t of [
      'branches',
      'departments',
      'categories',
      'products',
      'users',
      'feedback',
      'problems',
      'diagnoses',
      'consultations',
      'consultation_experts',
      'opinions',
      'actions',
      'action_updates',
      'extension_requests',
      'contact_records',
      'hub_events',
      'idempotency_keys',
      'feedback_fts',
    ])
      expect(tables).toContain(t);
    expect(store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const applied = store.raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
    expect(applied.n).toBe(files.length);
    store.close();
  });

  it('re-applies nothing and keeps data on re-open', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hub.sqlite');
    const a = openStore(file);
    a.raw.prepare("INSERT INTO categories (id, code, name, created_at, updated_at) VALUES ('cat_X', 'X', 'x', 0, 0)").run();
    a.close();
    const b = openStore(file);
    expect(b.raw.prepare('SELECT count(*) AS n FROM categories').get()).toEqual({ n: 1 });
    b.close();
  });

  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout at every open, including a re-open', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hub.sqlite');
    openStore(file).close();
    // better-sqlite3 re-opens a WAL file with synchronous=NORMAL: the hub must set FULL again.
    const plain = new Database(file);
    expect(plain.pragma('synchronous', { simple: true })).not.toBe(2);
    plain.close();
    const conn = openConnection(file);
    expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.pragma('synchronous', { simple: true })).toBe(2);
    expect(conn.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(conn.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    conn.close();
  });

  it('fails loudly when a required pragma did not take', () => {
    const conn = new Database(':memory:');
    expect(() => assertPragmas(conn)).toThrow(/journal_mode|synchronous|foreign_keys/);
    conn.close();
  });

  it('rolls a failed transaction back whole and keeps serving', async () => {
    const store = openStore(path.join(tempDir(), 'hub.sqlite'));
    await expect(
      store.transaction(async () => {
        store.raw.prepare("INSERT INTO categories (id, code, name, created_at, updated_at) VALUES ('cat_A', 'A', 'a', 0, 0)").run();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.raw.prepare('SELECT count(*) AS n FROM categories').get()).toEqual({ n: 0 });
    await store.transaction(
      async () =>
        void store.raw.prepare("INSERT INTO categories (id, code, name, created_at, updated_at) VALUES ('cat_B', 'B', 'b', 0, 0)").run(),
    );
    expect(store.raw.prepare('SELECT count(*) AS n FROM categories').get()).toEqual({ n: 1 });
    store.close();
  });

  it('serializes concurrent write transactions: no interleaving inside one', async () => {
    const store = openStore(path.join(tempDir(), 'hub.sqlite'));
    const log: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.transaction(async () => {
          log.push(`begin ${i}`);
          await new Promise((r) => setTimeout(r, Math.random() * 3));
          log.push(`end ${i}`);
        }),
      ),
    );
    for (let k = 0; k < log.length; k += 2) expect(log[k + 1]).toBe(log[k]!.replace('begin', 'end'));
    store.close();
  });

  it('keeps uncommitted writes invisible to readers', async () => {
    const store = openStore(path.join(tempDir(), 'hub.sqlite'));
    let seenInside = -1;
    await store.transaction(async () => {
      store.raw.prepare("INSERT INTO categories (id, code, name, created_at, updated_at) VALUES ('cat_C', 'C', 'c', 0, 0)").run();
      seenInside = store.read.select().from(categories).all().length;
    });
    expect(seenInside).toBe(0);
    expect(store.read.select().from(categories).all()).toHaveLength(1);
    store.close();
  });

  it('refuses UPDATE and DELETE on the event log', () => {
    const store = openStore(path.join(tempDir(), 'hub.sqlite'));
    store.raw.prepare("INSERT INTO hub_events (type, at) VALUES ('PROBLEM_OPENED', 0)").run();
    expect(() => store.raw.prepare("UPDATE hub_events SET type = 'PROBLEM_RESOLVED'").run()).toThrow(/append-only/);
    expect(() => store.raw.prepare('DELETE FROM hub_events').run()).toThrow(/append-only/);
    store.close();
  });
});
