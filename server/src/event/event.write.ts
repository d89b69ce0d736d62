import type { Db } from '../core/db.js';
import type { HubDeps } from '../core/hub.js';
import type { EventBus } from './event.bus.js';
import { insertEvent, type EventDraft, type HubEventRow } from './event.repository.js';
import type { HubEventTypeCode } from './event.table.js';

declare module '../core/hub.js' {
  interface HubDeps {
    /** Carries committed events to live subscribers (in-process, or Redis between processes). */
    bus: EventBus;
    /** What events cause, as the modules declare it (app/modules.ts); run by write(). */
    reactions: Reactions;
  }
}

/**
 * Writes an event in the current transaction and runs what it causes. `facts` are what the writer
 * already holds about the change (a recorded item's text), handed to the reactions so that they need
 * not read back what was just written; a reaction that needs more reads it.
 */
export type Emit = (draft: EventDraft, facts?: EventFacts) => Promise<HubEventRow>;

/** What a write hands its reactions besides the event row (never stored). */
export interface EventFacts {
  /** The text of the item the event is about (FEEDBACK_RECORDED: the customer's words). */
  readonly text?: string;
  /**
   * FEEDBACK_RECORDED: the customer the item names, null when it names none (the 3-in-3 rule then
   * has nothing to count and reads nothing); absent when the writer does not say.
   */
  readonly customerRef?: string | null;
  /** FEEDBACK_RECORDED: the item's kind (PRAISE, PROBLEM, SUGGESTION); absent when the writer does not say. */
  readonly kind?: string;
  /**
   * RECORDS_IMPORTED: the rows the import's batch inserted, as insertion marks (every feedback
   * rowid, or contact record id, after the mark), for the bulk forms of the per-record reactions.
   */
  readonly imported?: { readonly feedbackAfterRowid: number } | { readonly contactsAfterId: number };
  /** The people the change named, when the event row cannot (EXPERTS_INVITED: the experts just invited). */
  readonly userIds?: readonly string[];
  /**
   * FEEDBACK_CORRECTED, FEEDBACK_VOIDED: the item as it was counted before the change, so that the
   * reactions take it out of where it was counted (the row already holds the new values).
   */
  readonly feedbackBefore?: FeedbackBefore;
}

/** What a feedback item was counted and grouped by before a correction or its void. */
export interface FeedbackBefore {
  readonly branchId: string;
  readonly categoryId: string;
  readonly channel: string;
  readonly kind: string;
  readonly receivedAt: number;
  readonly complaint: boolean;
  readonly customerRef: string | null;
  readonly text: string;
  readonly clusterId: number | null;
  /** Voided already: counted nowhere. */
  readonly voided: boolean;
}

/**
 * One thing an event causes, declared by the module it belongs to (its index.ts) and listed in
 * app/modules.ts, with when it runs:
 *
 * - `in transaction` (the default): inside the write that emits the event, so what it writes
 *   (notifications, a 3-in-3 alert's growth, rollups) commits or rolls back with it; it may emit
 *   events in turn, and its failure fails the write.
 * - `after commit`: once the write has committed, for work that need not hold the write lock
 *   (indexing an imported batch's texts: the change is complete without it, and whatever it has not
 *   done yet is found again from the data, so nothing is lost if the process dies in between). It
 *   sees the committed data, never runs for a write that rolled back, and cannot fail the write
 *   (committed is committed: its failure is logged). write() awaits it before it returns; a
 *   reaction that only starts longer work returns at once.
 *
 * Nothing runs for an event type a reaction does not name.
 */
export type Reaction = InTransactionReaction | AfterCommitReaction;

interface ReactionBase {
  /** Who reacts and why, for the reader and for logs. */
  name: string;
  on: readonly HubEventTypeCode[] | 'every event';
}

export interface InTransactionReaction extends ReactionBase {
  when?: 'in transaction';
  run(tx: Db, event: HubEventRow, emit: Emit, facts: EventFacts): Promise<void>;
}

export interface AfterCommitReaction extends ReactionBase {
  when: 'after commit';
  run(event: HubEventRow, facts: EventFacts): void | Promise<void>;
}

/** An event a write emitted, with what its writer handed over: for the reactions after the commit. */
export interface Emitted {
  readonly event: HubEventRow;
  readonly facts: EventFacts;
}

type Log = Pick<HubDeps['log'], 'error'>;

/**
 * The reactions of every module, looked up by event type and by when they run. Declared once by the
 * composition root (app/services.ts) from the module list, before the first write; never changed after.
 */
export class Reactions {
  private readonly inTx = new Lookup<InTransactionReaction>();
  private readonly afterTx = new Lookup<AfterCommitReaction>();
  private list: readonly Reaction[] | null = null;

  declare(reactions: readonly Reaction[]): void {
    if (this.list) throw new Error('Reactions are declared once, by the composition root.');
    this.list = reactions;
    for (const r of reactions) {
      if (r.when === 'after commit') this.afterTx.add(r);
      else this.inTx.add(r);
    }
  }

  /** What is declared, in order: for the reader, the docs and the test that lists it. */
  get declared(): readonly Reaction[] {
    return this.list ?? [];
  }

  /** Runs the in-transaction reactions to one event, inside the write that emitted it. */
  async run(tx: Db, event: HubEventRow, emit: Emit, facts: EventFacts = {}): Promise<void> {
    for (const r of this.inTx.of(event.type)) await r.run(tx, event, emit, facts);
  }

  /** Whether anything reacts to this type after the commit (so that the write keeps its facts until then). */
  hasAfterCommit(type: string): boolean {
    return this.afterTx.of(type).length > 0;
  }

  /**
   * Runs the after-commit reactions to a committed write's events, in the events' order; a failure
   * is logged and the others still run.
   */
  async afterCommit(emitted: readonly Emitted[], log: Log): Promise<void> {
    for (const { event, facts } of emitted)
      for (const r of this.afterTx.of(event.type)) {
        try {
          await r.run(event, facts);
        } catch (err) {
          log.error({ err, reaction: r.name, seq: event.seq }, 'after-commit reaction failed');
        }
      }
  }
}

/**
 * Reactions by the event type they name; every-event ones after the type-specific ones. Each
 * type's list is put together once (reactions are declared at start), not on every emitted event.
 */
class Lookup<R extends Reaction> {
  private readonly byType = new Map<string, R[]>();
  private readonly always: R[] = [];
  private readonly joined = new Map<string, readonly R[]>();

  add(r: R): void {
    if (r.on === 'every event') this.always.push(r);
    else for (const type of r.on) this.byType.set(type, [...(this.byType.get(type) ?? []), r]);
    this.joined.clear();
  }

  of(type: string): readonly R[] {
    let list = this.joined.get(type);
    if (!list) {
      const specific = this.byType.get(type);
      list = specific ? [...specific, ...this.always] : this.always;
      this.joined.set(type, list);
    }
    return list;
  }
}

/**
 * A use case's write: one transaction in which the change, its events and what the events cause
 * (the in-transaction reactions) are written together, then the events are published — only after
 * the commit, so that nobody hears of a change that was rolled back — and the after-commit
 * reactions run.
 */
export async function write<T>(deps: HubDeps, work: (tx: Db, emit: Emit, now: Date) => T | Promise<T>): Promise<T> {
  const events: HubEventRow[] = [];
  const later: Emitted[] = [];
  const result = await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    // What an event causes may be an event itself (a report joining a 3-in-3 alert): written and
    // published with the rest.
    const emit: Emit = async (draft, facts = {}) => {
      const row = await insertEvent(tx, draft, now);
      events.push(row);
      if (deps.reactions.hasAfterCommit(row.type)) later.push({ event: row, facts });
      await deps.reactions.run(tx, row, emit, facts);
      return row;
    };
    return work(tx, emit, now);
  });
  if (events.length) {
    // Committed is committed: a bus failure must not turn the answer into an error (subscribers
    // catch up from the event log by cursor).
    try {
      deps.bus.publish(events);
    } catch (err) {
      deps.log.error({ err }, 'event bus: publishing committed events failed');
    }
  }
  if (later.length) await deps.reactions.afterCommit(later, deps.log);
  return result;
}
