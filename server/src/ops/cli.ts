import { loadEnv } from '../core/env.js';
import { databaseFile } from '../core/db.js';
import { isPostgresUrl, openHubStore } from '../core/store.js';
import { systemClock } from '../core/clock.js';
import { AuditService, redactAuditTrail } from '../audit/index.js';
import { hubSchema } from '../app/schema.js';
import { backupDatabase, restoreDatabase } from './backup.js';

/**
 * Operator commands: `pnpm hub:backup <file>` (while running), `pnpm hub:restore <file>` (stopped),
 * `pnpm hub:verify-audit`, `pnpm hub:audit-redact` (once after upgrading: secrets out of old audit rows).
 */
async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  const env = loadEnv();
  const postgres = isPostgresUrl(env.DATABASE_URL);
  const db = postgres ? env.DATABASE_URL : databaseFile(env.DATABASE_URL, env.DATA_DIR);
  if ((command === 'backup' || command === 'restore') && postgres) {
    console.error('On PostgreSQL, back up and restore with pg_dump -Fc / pg_restore (or continuous archiving).');
    process.exit(2);
  }
  if (command === 'backup' && file) {
    const r = await backupDatabase(db, file);
    console.log(JSON.stringify({ backup: file, ...r }));
    if (r.integrity !== 'ok') process.exit(1);
  } else if (command === 'verify-audit') {
    const store = await openHubStore(env.DATABASE_URL, env.DATA_DIR);
    const result = await new AuditService(store, systemClock).verify();
    await store.close();
    console.log(JSON.stringify(result));
    if (result.firstBroken !== null) {
      console.error(`audit_log row ${result.firstBroken} was altered: the chain breaks there.`);
      process.exit(1);
    }
  } else if (command === 'audit-redact') {
    const store = await openHubStore(env.DATABASE_URL, env.DATA_DIR);
    try {
      const result = await redactAuditTrail(store, await hubSchema(), systemClock);
      const after = await new AuditService(store, systemClock).verify();
      console.log(JSON.stringify({ ...result, verified: after }));
      if (after.firstBroken !== null) process.exitCode = 1;
    } finally {
      await store.close();
    }
  } else if (command === 'restore' && file) {
    console.log(JSON.stringify({ restored: db, ...restoreDatabase(file, db) }));
  } else {
    console.error('usage: node server/dist/ops/cli.js backup <file> | restore <file> | verify-audit | audit-redact');
    process.exit(2);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
