import type { HubDeps } from '../core/hub.js';
import type { Emit, EventDraft } from '../event/index.js';
import { write } from '../event/index.js';
import type { Db } from '../core/db.js';
import { dayStart, formatLocal, hasPassed, isWorkingDay, localDay } from '../core/calendar.rules.js';
import { escalationDue, stageDue, STAGE_LABEL, type DeadlineConfig } from './deadline.rules.js';
import { claimMark, hasMark, overdueActionCandidates, stageCandidates, stageMarkKind } from './deadline.repository.js';

/** Deadline events written by one scan. */
export interface ScanResult {
  actionsOverdue: number;
  escalations: number;
  stagesOverdue: number;
  digests: number;
  /** Events written for the other modules' deadlines (DeadlineSource), by event type. */
  byType: Record<string, number>;
}

/** One deadline another module says is owed: the mark that claims it and the event it causes. */
export interface OwedDeadline {
  /** The mark's kind, subject and due key: a new due date (an extension) is a new key, and re-arms. */
  kind: string;
  subjectId: string;
  dueKey: number;
  event: EventDraft;
}

/**
 * A module's deadlines, scanned with the loop's (given by the composition root, app/services.ts):
 * what is owed at `now` and not yet marked, at most `limit`. The scan claims each mark in the
 * transaction that writes its event, so that the module gets the same exactly-once, across scans,
 * restarts and processes, as actions and stages.
 */
export interface DeadlineSource {
  name: string;
  owed(db: Db, now: number, limit: number): Promise<OwedDeadline[]>;
}

// Per write transaction, so that a scan after a long outage never holds the writer for long.
const BATCH = 500;
const MAX_ROUNDS = 200;
const DIGEST_SUBJECT = '*';

type Claim =
  | { kind: 'ACTION_OVERDUE' | 'ACTION_ESCALATED'; id: string; problemId: string; branchId: string | null; dueAt: number; status: string }
  | { kind: 'STAGE_OVERDUE'; id: string; status: string; anchor: number; due: number }
  | { kind: 'SOURCE'; owed: OwedDeadline };

/**
 * Deadlines that act (issue #6): an action past its due date, an action still overdue after the
 * escalation delay, a problem stage past its time limit, each becomes one hub event (ACTION_OVERDUE,
 * ACTION_ESCALATED, STAGE_OVERDUE) with its notifications, and the daily digest goes out once a
 * working day. Exactly once, across restarts and across processes sharing the database: each event
 * is written in the transaction that inserts its mark, and only by whoever inserts it. Overdue
 * itself stays derived; the marks only record that the hub has spoken.
 */
/**
 * The daily digest the scan sends once a working day, given by the composition root
 * (app/services.ts: the notification module's), so that deadlines depend on no notification code.
 */
export interface DailyDigest {
  /** Writes today's digests in the scan's transaction; how many were written. */
  send(tx: Db, at: Date): Promise<number>;
  /** Tells live inboxes that something was written. */
  wake(): void;
}

export class DeadlineService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: HubDeps,
    private readonly digest: DailyDigest,
    readonly config: DeadlineConfig,
    private readonly sources: readonly DeadlineSource[] = [],
  ) {}

  /** Scans in the background every configured period (none when 0), the first time right away. */
  start(): void {
    if (this.timer || !this.config.scanIntervalMs) return;
    const tick = () => {
      if (this.running) return;
      // One process scans at a time (an advisory lock on PostgreSQL); the marks would keep the
      // events exactly-once anyway, the lease only spares the other processes the duplicate work.
      this.running = this.deps.store
        .withLease('deadline-scan', () => this.scanDeadlines())
        .catch((err: unknown) => this.deps.log.error({ err }, 'deadline scan failed'))
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(tick, this.config.scanIntervalMs);
    this.timer.unref();
    setImmediate(tick);
  }

  /** Stops the background scan and waits for a scan in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** What is owed at `now`: each deadline that has passed and has no mark yet. */
  private async owed(db: Db, now: number): Promise<Claim[]> {
    const claims: Claim[] = [];
    for (const a of await overdueActionCandidates(db, now, this.config.escalateAfter, BATCH)) {
      const base = { id: a.id, problemId: a.problemId, branchId: a.branchId, dueAt: a.dueAt, status: a.status };
      if (a.needsOverdue) claims.push({ kind: 'ACTION_OVERDUE', ...base });
      const escalateAt = escalationDue(this.config, a.dueAt);
      if (a.needsEscalation && escalateAt !== null && hasPassed(escalateAt, now)) claims.push({ kind: 'ACTION_ESCALATED', ...base });
    }
    for (const p of await stageCandidates(db, now, this.config.stageLimits, BATCH)) {
      const due = stageDue(this.config, p.status, p.anchor, p.consultationDueAt);
      if (due !== null && hasPassed(due, now)) claims.push({ kind: 'STAGE_OVERDUE', id: p.id, status: p.status, anchor: p.anchor, due });
    }
    for (const source of this.sources) for (const owed of await source.owed(db, now, BATCH)) claims.push({ kind: 'SOURCE', owed });
    return claims;
  }

  private async settle(tx: Db, emit: Emit, at: Date, result: ScanResult): Promise<number> {
    let claimed = 0;
    for (const c of await this.owed(tx, at.getTime())) {
      if (c.kind === 'SOURCE') {
        const { kind, subjectId, dueKey, event } = c.owed;
        if (!(await claimMark(tx, kind, subjectId, dueKey, at))) continue;
        await emit(event);
        result.byType[event.type] = (result.byType[event.type] ?? 0) + 1;
      } else if (c.kind === 'STAGE_OVERDUE') {
        if (!(await claimMark(tx, stageMarkKind(c.status), c.id, c.anchor, at))) continue;
        await emit({
          type: 'STAGE_OVERDUE',
          actorId: null,
          problemId: c.id,
          fromStatus: c.status,
          toStatus: c.status,
          note: `${STAGE_LABEL[c.status] ?? c.status}阶段时限已过（${formatLocal(c.due)}）`,
        });
        result.stagesOverdue++;
      } else {
        if (!(await claimMark(tx, c.kind, c.id, c.dueAt, at))) continue;
        await emit({
          type: c.kind,
          actorId: null,
          problemId: c.problemId,
          actionId: c.id,
          branchId: c.branchId,
          fromStatus: c.status,
          toStatus: c.status,
          note:
            c.kind === 'ACTION_OVERDUE'
              ? `已逾期，应于 ${formatLocal(c.dueAt)} 完成`
              : `逾期未完成（应于 ${formatLocal(c.dueAt)} 完成），已上报协调人`,
        });
        if (c.kind === 'ACTION_OVERDUE') result.actionsOverdue++;
        else result.escalations++;
      }
      claimed++;
    }
    return claimed;
  }

  /** Whether today's digest is due: a working day, at or after the digest time, and not sent yet. */
  private async digestDue(db: Db, now: number): Promise<boolean> {
    const day = localDay(now);
    if (!isWorkingDay(this.config.calendar, day)) return false;
    if (now < dayStart(day) + this.config.digestAtMinutes * 60_000) return false;
    return !(await hasMark(db, 'DIGEST', DIGEST_SUBJECT, dayStart(day)));
  }

  /**
   * One pass: writes every deadline event owed at the clock's now, then today's digest if due.
   * Safe to run anywhere at any time, as often as wanted: a deadline already acted on (here, in
   * another process, before a restart) is skipped.
   */
  async scanDeadlines(): Promise<ScanResult> {
    const result: ScanResult = { actionsOverdue: 0, escalations: 0, stagesOverdue: 0, digests: 0, byType: {} };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // Looked at on the read connection first, so that a quiet scan never takes the write lock.
      if (!(await this.owed(this.deps.store.read, this.deps.clock.now().getTime())).length) break;
      const claimed = await write(this.deps, (tx, emit, at) => this.settle(tx, emit, at, result));
      if (!claimed) break;
    }
    if (await this.digestDue(this.deps.store.read, this.deps.clock.now().getTime())) {
      result.digests = await write(this.deps, async (tx, _emit, at) => {
        if (!(await claimMark(tx, 'DIGEST', DIGEST_SUBJECT, dayStart(localDay(at.getTime())), at))) return 0;
        return this.digest.send(tx, at);
      });
      if (result.digests) this.digest.wake();
    }
    return result;
  }
}
