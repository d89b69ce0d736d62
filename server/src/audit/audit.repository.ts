import { desc, sql } from 'drizzle-orm';
import { auditLog } from './audit.table.js';
import { auditHash, GENESIS_HASH } from './audit.rules.js';
import type { Db } from '../core/db.js';
import { dialectOf, exec, first } from '../core/sql.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditDraft {
  at: Date;
  requestId: string | null;
  actorId: string | null;
  operation: string;
  outcome: AuditRow['outcome'];
  detail: string;
}

/**
 * Records an audit row inside the caller's write transaction. On SQLite (one writer) it is chained
 * to the current last row at once. On PostgreSQL, where writers commit concurrently, the chain's
 * end is no write's to read: the row waits in audit_pending, committed with the change, and the
 * sealer (audit.sealer.ts) chains it once committed.
 */
export async function appendAudit(tx: Db, entry: AuditDraft): Promise<void> {
  if (dialectOf(tx) === 'postgres') {
    await exec(
      tx,
      sql`INSERT INTO audit_pending (at, request_id, actor_id, operation, outcome, detail)
        VALUES (${entry.at.getTime()}, ${entry.requestId}, ${entry.actorId}, ${entry.operation}, ${entry.outcome}, ${entry.detail})`,
    );
    return;
  }
  const last = await first(tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1));
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    seq,
    at: entry.at.getTime(),
    requestId: entry.requestId,
    actorId: entry.actorId,
    operation: entry.operation,
    outcome: entry.outcome,
    detail: entry.detail,
    prevHash,
  };
  await tx.insert(auditLog).values({ ...row, at: entry.at, hash: auditHash(row) });
}
