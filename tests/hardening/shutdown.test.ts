import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import net from 'node:net';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { tempDir } from '../utils/temp.js';
import { PROJECT_ROOT } from '../../server/src/core/env.js';

const TSX = path.join(PROJECT_ROOT, 'tests', 'node_modules', '.bin', 'tsx');

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

describe('the start command', () => {
  it(
    'starts on an empty data directory with the demo data, answers /healthz, and on SIGTERM closes sockets and exits 0',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir('voc-hub-start-');
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
            DEMO_FEEDBACK: '500',
            DEMO_CONTACTS: '500',
            LOG_LEVEL: 'info',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      let healthy = false;
      for (let i = 0; i < 600 && !healthy; i++) {
        try {
          healthy = (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      expect(healthy).toBe(true);
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
      const lines = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.some((l) => l.msg === 'request' && typeof l.requestId === 'string')).toBe(true);
      expect(lines.some((l) => l.msg === 'demo data loaded')).toBe(true);

      const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await closed).toBe(1001);
      expect(await exit).toBe(0);
      expect(out).toContain('"msg":"stopped"');
      const db = new Database(path.join(dir, 'hub.sqlite'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
  );
});
