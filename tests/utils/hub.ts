import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { sql, type SQL } from 'drizzle-orm';
import { openStore, type Store } from '../../server/src/core/db.js';
import { openPgStore } from '../../server/src/core/db.pg.js';
import { rows, exec } from '../../server/src/core/sql.js';
import { createTestDatabase, testDatabase } from './services.js';
import { createLogger } from '../../server/src/core/logger.js';
import { loadEnv } from '../../server/src/core/env.js';
import { createLocalEventBus } from '../../server/src/event/event.bus.js';
import { OrgDirectory } from '../../server/src/org/org.directory.js';
import { createApp, type HubApp } from '../../server/src/app/app.js';
import type { BaseDeps } from '../../server/src/app/services.js';
import type { HubDeps } from '../../server/src/core/hub.js';
import type { Clock } from '../../server/src/core/clock.js';
import { loadDemo } from '../../server/src/demo/demo.seed.js';
import { tempDir } from './temp.js';

export const DEMO_PASSWORD = 'hub-demo-2026';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private at: number = Date.now()) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | number): void {
    this.at = typeof at === 'number' ? at : at.getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export { tempDir };

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * Direct SQL on the hub's database, for checks a test cannot make through the API; the same text
 * (with `?` placeholders) runs on SQLite and PostgreSQL.
 */
export interface TestDb {
  readonly dialect: 'sqlite' | 'postgres';
  all<T = Record<string, any>>(text: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, any>>(text: string, ...params: unknown[]): Promise<T | undefined>;
  /** Answers how many rows changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
}

/** `?` placeholders filled with parameters, as a drizzle SQL fragment either dialect renders. */
export function positional(text: string, params: readonly unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length - 1 !== params.length) throw new Error(`${params.length} parameters for ${parts.length - 1} placeholders: ${text}`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((p, i) => chunks.push(sql`${p}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks);
}

export function testDb(store: Store): TestDb {
  return {
    dialect: store.dialect,
    all: async <T>(text: string, ...params: unknown[]) => rows<T>(store.read, positional(text, params)),
    get: async <T>(text: string, ...params: unknown[]) => (await rows<T>(store.read, positional(text, params)))[0],
    run: async (text, ...params) => exec(store.read, positional(text, params)),
  };
}

export interface TestHub {
  url: string;
  wsUrl: string;
  store: Store;
  /** Direct SQL on the database, either dialect. */
  db: TestDb;
  /** What the services were built with (the declared reactions included). */
  deps: HubDeps;
  app: HubApp;
  clock: TestClock;
  dir: string;
  /** POSTs a GraphQL operation over real HTTP. */
  gql<T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Signs a demo user in and returns the token. */
  login(username: string, password?: string): Promise<string>;
  /** A graphql-ws client over a real WebSocket. */
  ws(token: string | null): Client;
  stop(): Promise<void>;
}

export interface StartOptions {
  demo?: { feedback: number; contacts: number } | false;
  /** Extra configuration, as environment variables would give it. */
  env?: Record<string, string>;
  clock?: TestClock;
  dir?: string;
  /** The database; default: the suite's pass (HUB_TEST_DATABASE). */
  database?: 'sqlite' | 'postgres';
}

/**
 * Starts a real hub (HTTP + WebSocket on an ephemeral port) on a real SQLite file, or, in the
 * suite's PostgreSQL pass (HUB_TEST_DATABASE=postgres), on a PostgreSQL database created for it and
 * dropped when it stops.
 */
export async function startHub(options: StartOptions = {}): Promise<TestHub> {
  const dir = options.dir ?? tempDir();
  const pgDb = (options.database ?? testDatabase()) === 'postgres' ? await createTestDatabase() : null;
  const store = pgDb ? await openPgStore(pgDb.url) : openStore(path.join(dir, 'hub.sqlite'));
  const clock = options.clock ?? new TestClock();
  const env = loadEnv({
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    NODE_ENV: 'test',
    HUB_SECRET: 'test-secret-test-secret-test-secret-123',
    // Customers' contact details are encrypted with a configured key (required in production).
    HUB_CONTACT_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    // Both executors serve every suite: the SQLite pass compiles a document at its second sighting
    // (the hub's default), the PostgreSQL pass at its first, so every query there runs compiled.
    QUERY_COMPILE_AFTER: process.env.HUB_TEST_COMPILE_AFTER ?? (testDatabase() === 'postgres' ? '1' : '2'),
    ...options.env,
  } as NodeJS.ProcessEnv);
  const org = new OrgDirectory(() => store.read);
  const deps: BaseDeps = {
    store,
    bus: createLocalEventBus(),
    clock,
    log: createLogger('silent'),
    env,
    secret: Buffer.from(env.HUB_SECRET!),
    org,
  };
  if (options.demo !== false) {
    const sizes = options.demo ?? { feedback: 300, contacts: 300 };
    await loadDemo(store, { now: clock.now(), feedback: sizes.feedback, contacts: sizes.contacts, seed: 7 });
  }
  const app = await createApp(deps);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  const wsUrl = `ws://127.0.0.1:${port}/graphql`;
  const api = apiClient(url, wsUrl);
  const clients = api.clients;
  const hub: TestHub = {
    url,
    wsUrl,
    store,
    db: testDb(store),
    deps: app.services.deps,
    app,
    clock,
    dir,
    ...api,
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.stop();
      await store.close();
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}

/** What a test uses to talk to a hub over real HTTP and WebSocket, wherever the hub runs. */
export interface ApiClient {
  gql<T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Signs a demo user in and returns the token. */
  login(username: string, password?: string): Promise<string>;
  /** A graphql-ws client over a real WebSocket. */
  ws(token: string | null): Client;
  /** Every ws client made, for disposal. */
  readonly clients: Client[];
}

export function apiClient(url: string, wsUrl: string, label = 'hub'): ApiClient {
  const clients: Client[] = [];
  const api: ApiClient = {
    clients,
    async gql(token, query, variables) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult<any>;
    },
    async login(username, password = DEMO_PASSWORD) {
      const r = await api.gql<{ login: { token: string } }>(null, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
        i: { username, password },
      });
      if (!r.data?.login) throw new Error(`login ${username} on ${label} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    ws(token) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
  };
  return api;
}

/** The code of the first error, or undefined. */
export const codeOf = (r: GqlResult): string | undefined => r.errors?.[0]?.extensions?.code;

/** Collects subscription events until `count` arrived or the timeout passed. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const items: T[] = [];
  const errors: unknown[] = [];
  let completed = false;
  let waiters: (() => void)[] = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) errors.push(v.errors);
        if (v.data) items.push(v.data as T);
        waiters.forEach((w) => w());
      },
      error: (e) => {
        errors.push(e);
        waiters.forEach((w) => w());
      },
      complete: () => {
        completed = true;
        waiters.forEach((w) => w());
      },
    },
  );
  return {
    items,
    errors,
    get completed() {
      return completed;
    },
    dispose,
    async until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting; got ${items.length} items, errors ${JSON.stringify(errors)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 50));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
        waiters = [];
      }
    },
  };
}
