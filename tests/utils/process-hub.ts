import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { apiClient, type ApiClient } from './hub.js';
import { killGroupHard, proveGone, spawnTracked, stopGroup } from './processes.js';
import { serverMain } from './server-build.js';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

/** A hub running as its own process (the built server's main.js), reached over real HTTP and WebSocket. */
export interface ProcessHub extends Omit<ApiClient, 'clients'> {
  name: string;
  url: string;
  wsUrl: string;
  port: number;
  /** The process that owns the database: `node main.js` itself, leader of its own process group. */
  child: ChildProcess;
  /** Everything the process logged (JSON lines). */
  readonly output: string;
  /** SIGTERM, waits for the exit code, then proves the process gone. */
  stop(): Promise<number | null>;
  /** kill -9 of the process group, then proves the process gone (pid, group, port). */
  kill(): Promise<void>;
}

export interface SpawnHubOptions {
  /** Leave the output unread (a hub with LOG_LEVEL=silent, or one killed many times). */
  quiet?: boolean;
  /** How long it may take to answer /healthz (the first start loads the demo data). */
  startMs?: number;
  /** Start without HUB_SECRET: the hub makes its own in the data directory, as on a first start. */
  ownSecret?: boolean;
}

/** Starts the built server with `env` on a free port and waits until /healthz answers. */
export async function spawnHub(name: string, env: Record<string, string>, options: SpawnHubOptions = {}): Promise<ProcessHub> {
  const port = await freePort();
  const { HUB_SECRET: _inherited, ...inherited } = process.env;
  const secret = options.ownSecret ? {} : { HUB_SECRET: _inherited ?? 'test-secret-test-secret-test-secret-123' };
  const child = spawnTracked(`hub ${name}`, process.execPath, [serverMain()], {
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...secret,
      ...env,
    },
    stdio: options.quiet ? 'ignore' : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`hub ${name} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroupHard(child);
      await proveGone(child, port);
      throw new Error(`hub ${name} did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const api = apiClient(`${base}/graphql`, `ws://127.0.0.1:${port}/graphql`, name);
  const clients = api.clients;
  const hub: ProcessHub = {
    name,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    port,
    child,
    get output() {
      return output;
    },
    ...api,
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      stopGroup(child);
      const code = await exited;
      await proveGone(child, port);
      return code;
    },
    async kill() {
      killGroupHard(child);
      await proveGone(child, port);
      await Promise.all(
        clients.map(async (c) => {
          try {
            await c.dispose();
          } catch {
            // the server is gone: nothing to close
          }
        }),
      );
    },
  };
  return hub;
}
