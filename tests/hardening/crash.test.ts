import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import net from 'node:net';
import Database from 'better-sqlite3';
import { tempDir } from '../utils/temp.js';
import { PROJECT_ROOT } from '../../server/src/core/env.js';

/**
 * kill -9 at random moments while mutations and batch imports are in flight, 30 times: every
 * mutation that was answered with success is there after the restart, no batch is half-written,
 * and the file passes the integrity check.
 */
const ROUNDS = 30;
const TSX = path.join(PROJECT_ROOT, 'tests', 'node_modules', '.bin', 'tsx');
const SECRET = 'crash-test-secret-crash-test-secret-0123';

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

async function waitHealthy(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('hub did not start');
}

async function gql(port: number, token: string | null, query: string, variables: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${ROUNDS} kill -9s`, { timeout: 600_000 }, async () => {
    const dir = tempDir('voc-hub-crash-');
    const acked = new Set<string>();
    const ackedBatches = new Set<string>();
    let tokens: { agent: string; analyst: string } | null = null;
    let ids: { branch: string; category: string } | null = null;

    for (let round = 0; round < ROUNDS; round++) {
      const port = await freePort();
      const child = spawn(
        TSX,
        ['--tsconfig', path.join(PROJECT_ROOT, 'tsconfig.json'), path.join(PROJECT_ROOT, 'server', 'src', 'main.ts')],
        {
          env: {
            ...process.env,
            DATA_DIR: dir,
            PORT: String(port),
            HOST: '127.0.0.1',
            HUB_DEMO: '1',
            DEMO_FEEDBACK: '200',
            DEMO_CONTACTS: '100',
            LOG_LEVEL: 'silent',
            HUB_SECRET: SECRET,
            RATE_POINTS_PER_MINUTE: '10000000',
          },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await waitHealthy(port, child);
      if (!tokens) {
        const login = async (u: string) =>
          (
            await gql(port, null, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
              i: { username: u, password: 'hub-demo-2026' },
            })
          ).data.login.token as string;
        tokens = { agent: await login('agent'), analyst: await login('analyst') };
        const org = await gql(port, tokens.agent, '{ branches { id code } categories { id } }', {});
        ids = { branch: org.data.branches.find((b: { code: string }) => b.code === 'SH').id, category: org.data.categories[0].id };
      }
      let stop = false;
      const workers = Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await gql(port, tokens!.agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
              i: {
                kind: 'PROBLEM',
                channel: 'VOICE',
                categoryId: ids!.category,
                branchId: ids!.branch,
                text: `崩溃测试 ${round}-${w}-${i}`,
                idempotencyKey: `k-${round}-${w}-${i}`,
              },
            });
            if (r.data?.recordFeedback?.id) acked.add(r.data.recordFeedback.id);
          } catch {
            return; // the server is gone
          }
        }
      });
      const importer = (async () => {
        for (let k = 0; !stop; k++) {
          const batch = `batch-${round}-${k}`;
          const records = Array.from({ length: 500 }, (_, j) => ({
            channel: 'VOICE',
            offeredAt: new Date(Date.now() - 60_000 - j).toISOString(),
            answered: true,
            waitSeconds: j % 40,
            transferred: false,
            workOrder: false,
            complaint: false,
            customerRef: batch,
          }));
          try {
            const r = await gql(port, tokens!.analyst, 'mutation($i: RecordContactsInput!) { recordContacts(input: $i) }', {
              i: { records },
            });
            if (r.data?.recordContacts === 500) ackedBatches.add(batch);
          } catch {
            return;
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 500));
      child.kill('SIGKILL');
      stop = true;
      await exited;
      await Promise.all([...workers, importer]);
    }

    const db = new Database(path.join(dir, 'hub.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const present = new Set(
        (db.prepare("SELECT id FROM feedback WHERE text LIKE '崩溃测试%'").all() as { id: string }[]).map((r) => r.id),
      );
      const lost = [...acked].filter((id) => !present.has(id));
      expect(lost).toEqual([]);
      const batches = db
        .prepare("SELECT customer_ref AS batch, count(*) AS n FROM contact_records WHERE customer_ref LIKE 'batch-%' GROUP BY customer_ref")
        .all() as { batch: string; n: number }[];
      for (const b of batches) expect(b.n, b.batch).toBe(500);
      const stored = new Set(batches.map((b) => b.batch));
      expect([...ackedBatches].filter((b) => !stored.has(b))).toEqual([]);
      console.log(`crash test: ${ROUNDS} kills, ${acked.size} acknowledged feedback and ${ackedBatches.size} batches, all present`);
      expect(acked.size).toBeGreaterThan(ROUNDS);
    } finally {
      db.close();
    }
  });
});
