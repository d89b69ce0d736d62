import pg from 'pg';
import { PG_ADMIN_URL } from './utils/services.js';

/**
 * Drops test databases left behind by runs that died (a killed vitest never reaches a hub's stop()).
 * Each name carries the creating process's pid (utils/services.ts); a database whose process is gone
 * is garbage, one whose process lives belongs to a concurrent run and is left alone.
 */
export async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 1_000 });
  try {
    await admin.connect();
  } catch {
    return; // no PostgreSQL: the PostgreSQL pass says so loudly (vitest.config.ts)
  }
  try {
    const names = (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_test\\_%'")).rows;
    for (const { datname } of names) {
      const pid = Number(/^hub_test_(\d+)_/.exec(datname)?.[1]);
      if (!pid || alive(pid)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
