import { desc } from 'drizzle-orm';
import { auditLog } from './audit.table.js';
import { auditHash, GENESIS_HASH } from './audit.rules.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';

export type AuditRow = typeof auditLog.$inferSelect;

/** Appends a row chained to the current last one. Runs inside the caller's write transaction. */
export async function appendAudit(
  tx: Db,
  entry: { at: Date; requestId: string | null; actorId: string | null; operation: string; outcome: AuditRow['outcome']; detail: string },
): Promise<void> {
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
