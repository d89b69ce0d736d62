import { maskPersonalData } from '../core/mask.rules.js';
import type { Store, Db } from '../core/db.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { sql } from 'drizzle-orm';
import { rows as rowsOf } from '../core/sql.js';
import { appendAudit } from './audit.repository.js';
import { auditScope, type AuditScope } from './audit.context.js';
import { firstBrokenLink, GENESIS_HASH, type AuditEntry } from './audit.rules.js';
import { AuditSealer } from './audit.sealer.js';

/** A pending audit row older than this is reported by verify (the sealer runs within seconds). */
export const UNSEALED_TOO_LONG_MS = 60_000;

export interface AuditVerification {
  /** Chained rows walked (as far as the broken one). */
  rows: number;
  /** The first altered row's seq, or null when the chain holds. */
  firstBroken: number | null;
  /** PostgreSQL: rows written and not yet chained, the oldest's age, and how many waited too long. */
  unsealed: { rows: number; oldestAgeMs: number | null; tooLong: number };
}

const DETAIL_MAX = 2_000;
const VERIFY_PAGE = 10_000;

/** The arguments of an operation as the audit keeps them: personal data masked, bounded. */
export function auditDetail(variables: unknown): string {
  const text = maskPersonalData(JSON.stringify(variables ?? {}));
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX)}…` : text;
}

/**
 * Writes the audit trail. Accepted mutations are recorded by the audit module's declared commit hook, inside the
 * very transaction that makes the change; refusals and unmasked views get their own small
 * transaction once the response is known.
 */
export class AuditService {
  private readonly sealer: AuditSealer;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {
    this.sealer = new AuditSealer(store, log);
  }

  /**
   * The audit module's after-commit hook (PostgreSQL): the committed write's row is chained before
   * the write answers; the periodic pass (started here, once) seals whatever no write's pass did.
   */
  async sealAfterCommit(): Promise<void> {
    this.sealer.start();
    await this.sealer.seal();
  }

  /** Chains every audit row committed so far (PostgreSQL; nothing to do on SQLite). */
  seal(): Promise<void> {
    return this.sealer.seal();
  }

  stopSealing(): void {
    this.sealer.stop();
  }

  /**
   * The audit module's commit hook (audit/index.ts): the write transaction of an audited mutation
   * appends its row just before it commits.
   */
  async appendOnCommit(tx: Db): Promise<void> {
    const scope = auditScope.getStore();
    if (!scope?.isMutation || !scope.operation) return;
    await appendAudit(tx, {
      at: this.clock.now(),
      requestId: scope.requestId,
      actorId: scope.actorId,
      operation: scope.operation,
      outcome: 'OK',
      detail: scope.detail,
    });
  }

  /** Records what a request did besides its writes: a refusal, or personal data shown in clear. */
  async afterResponse(scope: AuditScope, refusedCode: string | null, recordOk = false): Promise<void> {
    const work: { outcome: 'OK' | 'REFUSED' | 'VIEWED_PERSONAL_DATA'; detail: string }[] = [];
    if (recordOk) work.push({ outcome: 'OK', detail: scope.detail });
    if (refusedCode && scope.isMutation)
      work.push({ outcome: 'REFUSED', detail: JSON.stringify({ code: refusedCode, input: scope.detail }) });
    if (scope.viewedPersonalData.size)
      work.push({ outcome: 'VIEWED_PERSONAL_DATA', detail: JSON.stringify({ feedbackIds: [...scope.viewedPersonalData].slice(0, 500) }) });
    if (!work.length) return;
    try {
      // Outside the request's scope, so that the commit hook does not record this write as the mutation.
      await auditScope.exit(() =>
        this.store.transaction(async (tx) => {
          for (const w of work)
            await appendAudit(tx, {
              at: this.clock.now(),
              requestId: scope.requestId,
              actorId: scope.actorId,
              operation: scope.operation ?? 'unknown',
              ...w,
            });
        }),
      );
    } catch (err) {
      // The answer to the client stands (e.g. the disk is full); the gap in the trail is logged loudly.
      this.log?.error(
        { err: { message: (err as Error).message }, requestId: scope.requestId, operation: scope.operation },
        'audit row not written',
      );
    }
  }

  /**
   * Walks the whole chain; names the first altered row, if any, and (PostgreSQL) the rows still
   * waiting for the sealer, with how many waited longer than {@link UNSEALED_TOO_LONG_MS}.
   */
  async verify(): Promise<AuditVerification> {
    const chain = await this.verifyChain();
    return { ...chain, unsealed: await this.unsealed() };
  }

  private async unsealed(): Promise<AuditVerification['unsealed']> {
    if (this.store.dialect !== 'postgres') return { rows: 0, oldestAgeMs: null, tooLong: 0 };
    const now = this.clock.now().getTime();
    const r = await rowsOf<{ n: number; oldest: number | null; late: number }>(
      this.store.read,
      sql`SELECT count(*)::int AS n, min(at) AS oldest, count(*) FILTER (WHERE at < ${now - UNSEALED_TOO_LONG_MS})::int AS late FROM audit_pending`,
    );
    const { n, oldest, late } = r[0]!;
    return { rows: n, oldestAgeMs: oldest === null ? null : now - Number(oldest), tooLong: late };
  }

  private async verifyChain(): Promise<{ rows: number; firstBroken: number | null }> {
    let rows = 0;
    // One pass over the raw rows (no ORM mapping), in pages by seq so that memory stays bounded:
    // 100,000 rows in well under a second. Aliases are quoted: PostgreSQL folds unquoted ones.
    let prev = GENESIS_HASH;
    let after = 0;
    for (;;) {
      const page = await rowsOf<AuditEntry & { hash: string }>(
        this.store.read,
        sql`SELECT seq, at, request_id AS "requestId", actor_id AS "actorId", operation, outcome, detail, prev_hash AS "prevHash", hash
          FROM audit_log WHERE seq > ${after} ORDER BY seq LIMIT ${VERIFY_PAGE}`,
      );
      const firstBroken = firstBrokenLink(page, prev);
      if (firstBroken !== null) {
        // Rows walked, as far as the broken one.
        rows += page.findIndex((r) => r.seq === firstBroken) + 1;
        return { rows, firstBroken };
      }
      rows += page.length;
      if (page.length < VERIFY_PAGE) return { rows, firstBroken: null };
      prev = page.at(-1)!.hash;
      after = page.at(-1)!.seq;
    }
  }
}
