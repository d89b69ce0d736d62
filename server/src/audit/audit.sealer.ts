import { sql } from 'drizzle-orm';
import type { Store } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import { exec, rows } from '../core/sql.js';
import { auditHash, GENESIS_HASH, type AuditEntry } from './audit.rules.js';
import { auditLog } from './audit.table.js';

/** Rows moved per sealing transaction. */
const BATCH = 1_000;
/** How often a process seals what no write of its own sealed (another process's, a failed pass). */
const SWEEP_MS = 1_000;

type Pending = {
  id: number;
  at: number;
  requestId: string | null;
  actorId: string | null;
  operation: string;
  outcome: (typeof auditLog.$inferInsert)['outcome'];
  detail: string;
};

/**
 * Chains PostgreSQL's pending audit rows (audit_pending, written with each change) into audit_log,
 * one sealer at a time: the pass locks audit_log (EXCLUSIVE: readers go on, the redaction tool and
 * any other sealer wait), reads the chain's true last row, and moves the pending rows that are
 * committed, oldest first, each hashed with the previous row's hash under the next seq. A row
 * committed after a pass began is in the next pass; none is lost, none chained twice (moving is
 * delete + insert in one transaction). Each write awaits a pass after its commit (the store's
 * after-commit hook), so its row is sealed when it answers; passes asked for meanwhile are one pass.
 */
export class AuditSealer {
  /** Passes begun so far; whether one is running; callers waiting for the pass numbered `need`. */
  private started = 0;
  private active = false;
  private waiters: { need: number; resolve: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
  ) {}

  /** Seals periodically until the store closes. */
  start(): void {
    if (this.timer || this.store.dialect !== 'postgres') return;
    this.timer = setInterval(() => {
      if (!this.store.open) return this.stop();
      void this.seal();
    }, SWEEP_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Settles after a pass that began after this call (a running pass may have read before the
   * caller's commit); callers meanwhile share that pass. Its failure is logged: the rows wait.
   */
  seal(): Promise<void> {
    if (this.store.dialect !== 'postgres' || !this.store.open) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ need: this.started + 1, resolve });
      this.next();
    });
  }

  private next(): void {
    if (this.active || !this.waiters.length) return;
    this.active = true;
    const n = ++this.started;
    void this.pass().then(() => {
      this.active = false;
      const still: typeof this.waiters = [];
      for (const w of this.waiters) {
        if (w.need <= n) w.resolve();
        else still.push(w);
      }
      this.waiters = still;
      this.next();
    });
  }

  private async pass(): Promise<void> {
    try {
      for (;;) {
        const moved = await this.store.transaction(
          async (tx) => {
            await exec(tx, sql.raw('LOCK TABLE audit_log IN EXCLUSIVE MODE'));
            const pending = await rows<Pending>(
              tx,
              sql`DELETE FROM audit_pending WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT ${BATCH})
                RETURNING id, at, request_id AS "requestId", actor_id AS "actorId", operation, outcome, detail`,
            );
            if (!pending.length) return 0;
            pending.sort((a, b) => a.id - b.id);
            const last = (await rows<{ seq: number; hash: string }>(tx, sql`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`))[0];
            let seq = last?.seq ?? 0;
            let prevHash = last?.hash ?? GENESIS_HASH;
            const sealed = pending.map((p) => {
              const { requestId, actorId, operation, outcome, detail } = p;
              const entry: AuditEntry = { seq: ++seq, at: Number(p.at), requestId, actorId, operation, outcome, detail, prevHash };
              prevHash = auditHash(entry);
              return { ...entry, at: new Date(entry.at), outcome: p.outcome, hash: prevHash };
            });
            await tx.insert(auditLog).values(sealed);
            return pending.length;
          },
          { plain: true },
        );
        if (moved < BATCH) return;
      }
    } catch (err) {
      if (this.store.open) this.log?.error({ err }, 'audit sealing failed; the rows wait for the next pass');
    }
  }
}
