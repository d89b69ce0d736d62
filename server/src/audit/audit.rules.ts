import { createHash } from 'node:crypto';

export interface AuditEntry {
  seq: number;
  at: number;
  requestId: string | null;
  actorId: string | null;
  operation: string;
  outcome: string;
  detail: string;
  prevHash: string;
}

/** The hash of the chain's start: a fixed value, so that the first row is checked too. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * A row's hash covers its own fields and the previous row's hash, so that changing, removing or
 * reordering any row breaks every hash after it.
 */
export function auditHash(e: AuditEntry): string {
  const canonical = JSON.stringify([e.seq, e.at, e.requestId, e.actorId, e.operation, e.outcome, e.detail, e.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Walks rows in seq order and returns the seq of the first row whose link or hash does not hold,
 * or null when the whole chain is intact. `prev` is the hash the first row must link to: the
 * genesis hash, or the last hash of the previous page when the chain is walked in pages.
 */
export function firstBrokenLink(rows: Iterable<AuditEntry & { hash: string }>, prev = GENESIS_HASH): number | null {
  for (const row of rows) {
    if (row.prevHash !== prev || auditHash(row) !== row.hash) return row.seq;
    prev = row.hash;
  }
  return null;
}
