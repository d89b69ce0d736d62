import { sql } from 'drizzle-orm';
import type { GraphQLSchema } from 'graphql';
import type { Store, Db } from '../core/db.js';
import type { Clock } from '../core/clock.js';
import { exec, rows as rowsOf, dialectOf } from '../core/sql.js';
import { appendAudit } from './audit.repository.js';
import { auditHash, GENESIS_HASH, type AuditEntry } from './audit.rules.js';
import { AuditService } from './audit.service.js';
import { redactLegacyDetail, secretOperations } from './secret.rules.js';

const PAGE = 5_000;
/** Seqs of rewritten rows kept in the `auditRedact` row's detail. */
const LISTED = 500;

export interface RedactResult {
  rows: number;
  redacted: number;
  /** The first row whose hash changed; null when nothing did. */
  resealedFrom: number | null;
}

/** The append-only guard of the migrations, lifted for the rewrite and restored in the same transaction. */
async function liftGuard(tx: Db): Promise<void> {
  if (dialectOf(tx) === 'postgres') {
    // No hub process appends while the chain is rewritten (the store's advisory lock orders the hub's writers too).
    await exec(tx, sql.raw('LOCK TABLE audit_log IN EXCLUSIVE MODE'));
    await exec(tx, sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only'));
  } else {
    await exec(tx, sql.raw('DROP TRIGGER audit_log_no_update'));
  }
}

async function restoreGuard(tx: Db): Promise<void> {
  if (dialectOf(tx) === 'postgres') {
    await exec(tx, sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only'));
  } else {
    // As migrations/sqlite/0003_audit.sql created it.
    await exec(
      tx,
      sql.raw(`CREATE TRIGGER \`audit_log_no_update\` BEFORE UPDATE ON \`audit_log\` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END`),
    );
  }
}

/**
 * Removes secrets from audit rows written before the hub redacted them (issue 24): rewrites each
 * such row's detail (redactLegacyDetail), re-seals the hash chain from the first rewritten row on,
 * and appends an `auditRedact` row that says so; all in one transaction, on SQLite and PostgreSQL.
 * Refuses a chain that is already broken: re-sealing it would hide whatever altered it.
 */
export async function redactAuditTrail(store: Store, schema: GraphQLSchema, clock: Clock): Promise<RedactResult> {
  const before = await new AuditService(store, clock).verify();
  if (before.firstBroken !== null)
    throw new Error(
      `audit_log row ${before.firstBroken} was altered before this run; the chain is not re-sealed. Investigate it first (pnpm hub:verify-audit).`,
    );
  const ops = secretOperations(schema);
  return store.transaction(async (tx) => {
    await liftGuard(tx);
    let prev = GENESIS_HASH;
    let after = 0;
    let total = 0;
    const rewritten: number[] = [];
    let resealedFrom: number | null = null;
    for (;;) {
      const page = await rowsOf<AuditEntry & { hash: string }>(
        tx,
        sql`SELECT seq, at, request_id AS "requestId", actor_id AS "actorId", operation, outcome, detail, prev_hash AS "prevHash", hash
          FROM audit_log WHERE seq > ${after} ORDER BY seq LIMIT ${PAGE}`,
      );
      for (const row of page) {
        const detail = redactLegacyDetail(row.detail, row.operation, ops);
        if (detail !== null) rewritten.push(row.seq);
        const entry: AuditEntry = { ...row, detail: detail ?? row.detail, prevHash: prev };
        const hash = auditHash(entry);
        if (hash !== row.hash) {
          resealedFrom ??= row.seq;
          await exec(
            tx,
            sql`UPDATE audit_log SET detail = ${entry.detail}, prev_hash = ${entry.prevHash}, hash = ${hash} WHERE seq = ${row.seq}`,
          );
        }
        prev = hash;
      }
      total += page.length;
      if (page.length < PAGE) break;
      after = page.at(-1)!.seq;
    }
    await restoreGuard(tx);
    await appendAudit(tx, {
      at: clock.now(),
      requestId: null,
      actorId: null,
      operation: 'auditRedact',
      outcome: 'OK',
      detail: JSON.stringify({ rows: total, redacted: rewritten.length, resealedFrom, seqs: rewritten.slice(0, LISTED) }),
    });
    return { rows: total, redacted: rewritten.length, resealedFrom };
  });
}
