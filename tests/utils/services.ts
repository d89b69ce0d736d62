import net from 'node:net';
import pg from 'pg';

/**
 * PostgreSQL and Redis for the scale-out path. Tests that need them run whenever they are reachable
 * and say loudly when they skip; with HUB_REQUIRE_SERVICES=1 (CI) a missing service is a failure.
 */
export const PG_ADMIN_URL = process.env.HUB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const required = (): boolean => process.env.HUB_REQUIRE_SERVICES === '1';

/** Whether something accepts TCP connections at the URL's host and port (within a second). */
export function reachable(url: string, fallbackPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname || '127.0.0.1', port: Number(u.port) || fallbackPort });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const cache = new Map<string, Promise<boolean>>();

/**
 * Whether `service` can be used; when it cannot, prints a banner naming the suite that skips, or
 * throws under HUB_REQUIRE_SERVICES=1.
 */
export async function serviceAvailable(service: 'postgres' | 'redis', suite: string): Promise<boolean> {
  const url = service === 'postgres' ? PG_ADMIN_URL : REDIS_URL;
  if (!cache.has(service)) cache.set(service, reachable(url, service === 'postgres' ? 5432 : 6379));
  const ok = await cache.get(service)!;
  if (ok) return true;
  if (required()) throw new Error(`${service} is required (HUB_REQUIRE_SERVICES=1) but not reachable at ${url}`);
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!!! SKIPPED: ${suite}\n!!! ${service} is not reachable at ${url}; these tests did NOT run.\n!!! Start it, or set HUB_REQUIRE_SERVICES=1 to make this a failure.\n${line}\n`,
  );
  return false;
}

/** The database the suite runs on: HUB_TEST_DATABASE=postgres runs every hub of the suite on PostgreSQL. */
export const testDatabase = (): 'sqlite' | 'postgres' => (process.env.HUB_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite');

let counter = 0;

/**
 * Creates an empty database for one hub (byte-wise collation, UTF-8 character classes so that
 * pg_trgm indexes Chinese) and returns its URL and a function that drops it.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hub_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
