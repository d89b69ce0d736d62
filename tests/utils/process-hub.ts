import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/core/env.js';
import { apiClient, type ApiClient } from './hub.js';

const TSX = path.join(PROJECT_ROOT, 'tests', 'node_modules', '.bin', 'tsx');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

/** A hub running as its own process (server/src/main.ts), reached over real HTTP and WebSocket. */
export interface ProcessHub extends Omit<ApiClient, 'clients'> {
  name: string;
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** Everything the process logged (JSON lines). */
  readonly output: string;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `server/src/main.ts` with `env` on a free port and waits until /healthz answers. */
export async function spawnHub(name: string, env: Record<string, string>): Promise<ProcessHub> {
  const port = await freePort();
  const child = spawn(TSX, ['--tsconfig', path.join(PROJECT_ROOT, 'tsconfig.json'), path.join(PROJECT_ROOT, 'server', 'src', 'main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      HUB_SECRET: 'test-secret-test-secret-test-secret-123',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`hub ${name} exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (i > 1200) throw new Error(`hub ${name} did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const api = apiClient(`${base}/graphql`, `ws://127.0.0.1:${port}/graphql`, name);
  const clients = api.clients;
  const hub: ProcessHub = {
    name,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    child,
    get output() {
      return output;
    },
    ...api,
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return hub;
}
