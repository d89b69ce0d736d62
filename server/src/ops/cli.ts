import { loadEnv } from '../core/env.js';
import { databaseFile, openStore } from '../core/db.js';
import { systemClock } from '../core/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { backupDatabase, restoreDatabase } from './backup.js';

/** Operator commands: `pnpm hub:backup <file>` (while running), `pnpm hub:restore <file>` (stopped), `pnpm hub:verify-audit`. */
async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  const env = loadEnv();
  const db = databaseFile(env.DATABASE_URL, env.DATA_DIR);
  if (command === 'backup' && file) {
    const r = await backupDatabase(db, file);
    console.log(JSON.stringify({ backup: file, ...r }));
    if (r.integrity !== 'ok') process.exit(1);
  } else if (command === 'verify-audit') {
    const store = openStore(db);
    const result = await new AuditService(store, systemClock).verify();
    await store.close();
    console.log(JSON.stringify(result));
    if (result.firstBroken !== null) {
      console.error(`audit_log row ${result.firstBroken} was altered: the chain breaks there.`);
      process.exit(1);
    }
  } else if (command === 'restore' && file) {
    console.log(JSON.stringify({ restored: db, ...restoreDatabase(file, db) }));
  } else {
    console.error('usage: node server/dist/ops/cli.js backup <file> | restore <file> | verify-audit');
    process.exit(2);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
