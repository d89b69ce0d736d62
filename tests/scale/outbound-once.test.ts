/**
 * Outbound delivery with two hub processes on one PostgreSQL database, events carried by Redis:
 * both drain the same outbox at once (each wakes on every event, its own and the other's), and
 * each delivery is still made once.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import fs from 'node:fs';
import { tempDir } from '../utils/hub.js';
import { spawnHub, type ProcessHub } from '../utils/process-hub.js';
import { serviceAvailable, createTestDatabase, REDIS_URL } from '../utils/services.js';
import { startHttpReceiver, eventually } from '../utils/receivers.js';

const SUITE = 'outbound: two hub processes on PostgreSQL + Redis';
const ready = (await serviceAvailable('postgres', SUITE)) && (await serviceAvailable('redis', SUITE));
const WRITES = 40;

describe.runIf(ready)(SUITE, { timeout: 180_000 }, () => {
  let a: ProcessHub;
  let b: ProcessHub;
  let db: { url: string; drop: () => Promise<void> };
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let dataDirs: string[] = [];

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_CHANNEL: `voc-hub-test:${new URL(db.url).pathname.slice(1)}`,
      HUB_DEMO: '1',
      DEMO_FEEDBACK: '30',
      DEMO_CONTACTS: '10',
      DEADLINE_SCAN_SECONDS: '0',
      // Both drain often, besides on every event: they reach for the same deliveries.
      OUTBOUND_POLL_SECONDS: '0.05',
    };
    dataDirs = [tempDir('voc-hub-oa-'), tempDir('voc-hub-ob-')];
    [a, b] = await Promise.all([spawnHub('A', { ...env, DATA_DIR: dataDirs[0]! }), spawnHub('B', { ...env, DATA_DIR: dataDirs[1]! })]);
  });

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    await receiver?.close();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
    expect(codes).toEqual([0, 0]);
  });

  it('each delivery is made once although both processes drain the outbox', async () => {
    const admin = await a.login('admin');
    const reg = await a.gql(admin, 'mutation($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { id } }', {
      i: {
        name: 'once',
        url: `${receiver.url}/hooks/once`,
        format: 'SIGNED_JSON',
        secret: 'endpoint-secret-0123456789',
        eventTypes: ['VIEW_SAVED'],
      },
    });
    expect(reg.errors).toBeUndefined();
    // A slow receiver keeps attempts in flight while the other process drains.
    receiver.state.delayMs = 30;
    const tokens = { A: await a.login('analyst'), B: await b.login('analyst') };
    await Promise.all(
      Array.from({ length: WRITES }, async (_, i) => {
        const [h, tok] = i % 2 ? [b, tokens.B] : [a, tokens.A];
        const r = await h.gql(tok, 'mutation($i: CreateViewInput!) { createView(input: $i) { id } }', {
          i: { list: 'INBOX', name: `视图 ${i}`, filter: JSON.stringify({ kind: ['PROBLEM'] }) },
        });
        expect(r.errors).toBeUndefined();
      }),
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // Once every delivery is DELIVERED none can be claimed again: the count below is final.
      await eventually(
        async () => {
          const r = await client.query<{ n: string }>("SELECT count(*) AS n FROM outbound_deliveries WHERE status = 'DELIVERED'");
          return Number(r.rows[0]!.n) === WRITES || undefined;
        },
        60_000,
        'every delivery delivered',
      );
      const posts = receiver.received.filter((r) => r.path === '/hooks/once');
      const ids = posts.map((r) => String(r.headers['idempotency-key']));
      expect(ids).toHaveLength(WRITES);
      expect(new Set(ids).size).toBe(WRITES);
      // Both processes made deliveries: they really did drain side by side.
      const by = await client.query<{ claimed_by: string }>('SELECT DISTINCT claimed_by FROM outbound_deliveries');
      expect(by.rows.length).toBe(2);
      const attempts = await client.query<{ n: string }>('SELECT sum(attempts) AS n FROM outbound_deliveries');
      expect(Number(attempts.rows[0]!.n)).toBe(WRITES);
    } finally {
      await client.query('SELECT 1');
      await client.end();
    }
  });
});
