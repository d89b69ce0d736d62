import { maskPersonalData } from '../core/mask.rules.js';
import type { Store, Db } from '../core/db.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { sql } from 'drizzle-orm';
import { rows as rowsOf } from '../core/sql.js';
import { appendAudit } from './audit.repository.js';
import { auditScope, type AuditScope } from './audit.context.js';
import { firstBrokenLink, GENESIS_HASH, type AuditEntry } from './audit.rules.js';

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
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

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

  /** Walks the whole chain; names the first altered row, if any. */
  async verify(): Promise<{ rows: number; firstBroken: number | null }> {
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
