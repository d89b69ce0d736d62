import { describe, it, expect } from 'vitest';
import path from 'node:path';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { tempDir } from '../utils/temp.js';
import { spawnHub } from '../utils/process-hub.js';
import { proveGone, stopGroup } from '../utils/processes.js';

describe('the start command', () => {
  it(
    'starts on an empty data directory with the demo data, answers /healthz, and on SIGTERM closes sockets and exits 0',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir('voc-hub-start-');
      // The built server run as `node main.js`: the process that receives SIGTERM is the hub itself.
      const hub = await spawnHub(
        'start',
        { DATA_DIR: dir, HUB_DEMO: '1', DEMO_FEEDBACK: '500', DEMO_CONTACTS: '500' },
        { startMs: 90_000, ownSecret: true },
      );
      const { port, child } = hub;
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      for (const username of ['admin', 'agent', 'analyst', 'coordinator', 'expert.card', 'expert.it', 'bm.sh', 'bm.bj']) {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation($i: LoginInput!) { login(input: $i) { token } }',
            variables: { i: { username, password: 'hub-demo-2026' } },
          }),
        });
        expect(((await res.json()) as { data: { login: { token: string } } }).data.login.token, username).toBeTruthy();
      }
      // Logs are structured JSON lines with a request id.
      const lines = hub.output
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.some((l) => l.msg === 'request' && typeof l.requestId === 'string')).toBe(true);
      expect(lines.some((l) => l.msg === 'demo data loaded')).toBe(true);

      const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      stopGroup(child);
      expect(await closed).toBe(1001);
      expect(await exit).toBe(0);
      await proveGone(child, port);
      expect(hub.output).toContain('"msg":"stopped"');
      const db = new Database(path.join(dir, 'hub.sqlite'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
  );
});
