import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { PROJECT_ROOT } from '../../server/src/core/env.js';
import { DEMO_PASSWORD, type GqlResult } from './hub.js';

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
export interface ProcessHub {
  name: string;
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** Everything the process logged (JSON lines). */
  readonly output: string;
  gql<T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  login(username: string, password?: string): Promise<string>;
  ws(token: string | null): Client;
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
  const clients: Client[] = [];
  const hub: ProcessHub = {
    name,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    child,
    get output() {
      return output;
    },
    async gql(token, query, variables) {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult<any>;
    },
    async login(username, password = DEMO_PASSWORD) {
      const r = await hub.gql<{ login: { token: string } }>(null, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
        i: { username, password },
      });
      if (!r.data?.login) throw new Error(`login ${username} on ${name} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    ws(token) {
      const client = createClient({
        url: hub.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return hub;
}
