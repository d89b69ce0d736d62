/**
 * What the PostgreSQL store promises several hub processes (two stores on one database stand for two
 * processes): write transactions are serialized across them, so event cursors are handed out in
 * commit order; a background job's lease runs it on one of them at a time.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPgStore } from '../../../server/src/core/db.pg.js';
import type { Store } from '../../../server/src/core/db.js';
import { row } from '../../../server/src/core/sql.js';
import { createTestDatabase, serviceAvailable } from '../../utils/services.js';

const ready = await serviceAvailable('postgres', 'the PostgreSQL store across processes');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(ready)('the PostgreSQL store, two processes on one database', () => {
  let db: { url: string; drop: () => Promise<void> };
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    db = await createTestDatabase();
    a = await openPgStore(db.url);
    b = await openPgStore(db.url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  const appendEvent = async (store: Store, hold: number) =>
    store.transaction(async (tx) => {
      const r = await row<{ seq: number }>(
        tx,
        sql`INSERT INTO hub_events (type, at) VALUES ('FEEDBACK_RECORDED', ${Date.now()}) RETURNING seq`,
      );
      await pause(hold);
      return r!.seq;
    });

  it('serializes write transactions across stores: a later cursor is never committed before an earlier one', async () => {
    const committed: string[] = [];
    // A takes a cursor and holds its transaction open; B starts meanwhile. Without the cluster-wide
    // lock B would take the next cursor and commit first, and a reader resuming after B's cursor
    // would never see A's event.
    const first = appendEvent(a, 400).then((seq) => (committed.push('A'), seq));
    await pause(50);
    const second = appendEvent(b, 0).then((seq) => (committed.push('B'), seq));
    const [seqA, seqB] = await Promise.all([first, second]);
    expect(committed).toEqual(['A', 'B']);
    expect(seqA).toBeLessThan(seqB);
  });

  it('runs a leased job on one store at a time, and lets the other take it once released', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const started = a.withLease('test-job', async () => {
      await held;
      return 'a';
    });
    await pause(100);
    let ranOnB = false;
    expect(await b.withLease('test-job', async () => ((ranOnB = true), 'b'))).toBeUndefined();
    expect(ranOnB).toBe(false);
    // Another job's lease is independent.
    expect(await b.withLease('other-job', async () => 'b')).toBe('b');
    release();
    expect(await started).toBe('a');
    expect(await b.withLease('test-job', async () => 'b')).toBe('b');
  });
});
