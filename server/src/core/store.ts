import { openStore, databaseFile, type Store } from './db.js';
import { openPgStore } from './db.pg.js';

/** True for a PostgreSQL connection string. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/**
 * Opens the database DATABASE_URL names, migrated: PostgreSQL for `postgres://…`, otherwise a SQLite
 * file (a path, a `file:` URL, or `data/hub.sqlite` when unset). Services never learn which.
 */
export async function openHubStore(databaseUrl: string, dataDir: string): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) return openPgStore(databaseUrl);
  return openStore(databaseFile(databaseUrl, dataDir));
}
