import type { HubDeps } from '../core/hub.js';
import { inScope, type Viewer } from '../core/viewer.rules.js';
import { AppError, badInput, notFound, unauthenticated } from '../core/errors.js';
import { eventVisible } from './event.rules.js';
import { eventsAfter, seqOfCursor, type HubEventRow } from './event.repository.js';
import type { Db } from '../core/db.js';

/**
 * What streams ask of other modules, given by the composition root (app/services.ts), so that the
 * event log depends on no feature of the loop: a viewer's current rights (auth), and whether a
 * problem concerns a branch scope (problem).
 */
export interface StreamAccess {
  refreshAll(signIns: readonly { viewer: Viewer; tokenVersion: number }[]): Promise<(Viewer | null)[]>;
  problemConcerns(db: Db, problemId: string, branchIds: ReadonlySet<string>): Promise<boolean>;
}

/** Rough memory an event waiting for delivery holds: its row and its note. */
const approxBytes = (e: HubEventRow) => 300 + 3 * (e.note?.length ?? 0);
const REPLAY_PAGE = 500;
const SWEEP_MS = 2_000;

export interface StreamArgs {
  after?: string | null;
  problemId?: string | null;
  branchId?: string | null;
}

interface Stream {
  viewer: Viewer;
  tokenVersion: number;
  expiresAt: number;
  close(error: AppError): void;
}

/**
 * The live feed of hub events: replay from the log after a cursor, then live, with no gap and no
 * duplicate; each event checked against the subscriber's current rights at delivery.
 */
export class EventService {
  private readonly streams = new Set<Stream>();
  private sweeper: NodeJS.Timeout | null = null;
  private readonly scopeMemo = new Map<string, boolean | Promise<boolean>>();
  private refreshBatch: { signIns: Stream[]; answers: Promise<(Viewer | null)[]> } | null = null;

  constructor(
    private readonly deps: HubDeps,
    private readonly access: StreamAccess,
  ) {}

  /** The hub's rights epoch now (core/rights-epoch.ts). */
  get rightsEpoch(): number {
    return this.deps.rights.value;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Whether a problem concerns a branch scope, memoised per event so that fan-out asks once. */
  private problemInScope(seq: number, scopeKey: string, scope: ReadonlySet<string>, problemId: string): boolean | Promise<boolean> {
    const key = `${seq}:${scopeKey}`;
    let hit = this.scopeMemo.get(key);
    if (hit === undefined) {
      // The promise is memoised, so that streams checking the same event at once still ask once;
      // once answered, the answer itself, so that later streams decide without waiting.
      const asked = this.access.problemConcerns(this.deps.store.read, problemId, scope);
      if (this.scopeMemo.size > 50_000) this.scopeMemo.clear();
      this.scopeMemo.set(key, asked);
      asked.then(
        (answer) => {
          if (this.scopeMemo.get(key) === asked) this.scopeMemo.set(key, answer);
        },
        () => this.scopeMemo.delete(key),
      );
      hit = asked;
    }
    return hit;
  }

  /** eventVisible, asking the database about the problem's scope only when the rule needs it. */
  private visibleIn(scope: ReadonlySet<string> | null, event: HubEventRow, scopeKey: string): boolean | Promise<boolean> {
    let asked = null as string | null;
    const answer = eventVisible(scope, event, (pid) => {
      asked = pid;
      return false;
    });
    if (asked === null) return answer;
    const inScope = this.problemInScope(event.seq, scopeKey, scope!, asked);
    return typeof inScope === 'boolean'
      ? eventVisible(scope, event, () => inScope)
      : inScope.then((known) => eventVisible(scope, event, () => known));
  }

  /** Whether the viewer may see the event through these arguments: at once, unless the database must be asked. */
  visible(viewer: Viewer, event: HubEventRow, args: StreamArgs): boolean | Promise<boolean> {
    if (args.problemId && event.problemId !== args.problemId) return false;
    const own = () => this.visibleIn(viewer.scope, event, `v:${viewer.branchId}`);
    if (!args.branchId) return own();
    const inBranch = this.visibleIn(this.deps.org.subtree(args.branchId), event, `b:${args.branchId}`);
    if (typeof inBranch === 'boolean') return inBranch && own();
    return inBranch.then((yes) => yes && own());
  }

  /**
   * A stream's sign-in re-read, batched with every other stream's asking in the same turn: after
   * a user changed, the next event's fan-out re-reads each subscriber's user in a few queries.
   */
  refresh(stream: Stream): Promise<Viewer | null> {
    let batch = this.refreshBatch;
    if (!batch) {
      const signIns: Stream[] = [];
      const answers = new Promise((resolve) => setImmediate(resolve)).then(() => {
        this.refreshBatch = null;
        return this.access.refreshAll(signIns);
      });
      this.refreshBatch = batch = { signIns, answers };
    }
    const i = batch.signIns.push(stream) - 1;
    return batch.answers.then((fresh) => fresh[i] ?? null);
  }

  /** Closes streams whose sign-in is no longer valid: deactivated, rights changed, or expired. */
  private async sweep(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const live: Stream[] = [];
    for (const s of this.streams) {
      if (s.expiresAt <= now) s.close(unauthenticated('The sign-in has expired; sign in again.'));
      else live.push(s);
    }
    const fresh = await this.access.refreshAll(live);
    live.forEach((s, i) => {
      const viewer = fresh[i];
      if (!viewer) s.close(unauthenticated('The sign-in is no longer valid; sign in again.'));
      else s.viewer = viewer;
    });
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const s of this.streams) s.close(new AppError('UNAUTHENTICATED', 'The server is shutting down; reconnect with your last cursor.'));
  }

  /**
   * One subscriber's events: with `after`, every event since that cursor from the log, then live
   * ones. Each subscriber has a bounded backlog (events and bytes): a client that stops reading
   * stops the transport's sends, events queue here, and past the bound the stream fails
   * (RATE_LIMITED) and `onOverflow` cuts the connection, so that nothing grows; the client resumes
   * with its last cursor and the log replays what it missed.
   */
  stream(
    viewer: Viewer,
    tokenVersion: number,
    expiresAt: number,
    args: StreamArgs,
    onDeliver: (viewer: Viewer) => void = () => undefined,
    onOverflow: () => void = () => undefined,
  ): AsyncIterableIterator<HubEventRow> {
    let afterSeq: number | null = null;
    if (args.after !== null && args.after !== undefined) {
      const seq = seqOfCursor(args.after);
      if (seq === undefined) throw badInput('after', 'after is not an event cursor.');
      afterSeq = seq;
    }
    // Out of a branch manager's subtree, a branch answers NOT_FOUND as if it did not exist (as the
    // reports do), rather than a stream that stays silent.
    if (args.branchId && !inScope(viewer, args.branchId)) throw notFound('Branch', args.branchId);
    if (args.branchId && !this.deps.org.get(args.branchId)) throw badInput('branchId', 'branchId is not a branch.');
    const feed = new EventFeed(this, this.deps, { viewer, tokenVersion, expiresAt, args, afterSeq, onDeliver, onOverflow });
    this.streams.add(feed);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => {
        this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'event stream sweep failed'));
      }, SWEEP_MS);
      this.sweeper.unref();
    }
    return feed;
  }

  /** A stream ended: it is no longer swept. */
  ended(stream: Stream): void {
    this.streams.delete(stream);
  }
}

interface FeedOptions {
  viewer: Viewer;
  tokenVersion: number;
  expiresAt: number;
  args: StreamArgs;
  afterSeq: number | null;
  onDeliver: (viewer: Viewer) => void;
  onOverflow: () => void;
}

type Waiting = { resolve(result: IteratorResult<HubEventRow>): void; reject(error: unknown): void };

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One subscriber's stream, an iterator rather than an async generator: a live event reaches a
 * waiting subscriber in one step from the bus, its visibility decided at once unless the database
 * must be asked, where a generator took a chain of promises per event and subscriber (a large
 * share of a fan-out to thousands); and return() takes effect at once, where a generator waiting
 * for its next event could not take it.
 */
class EventFeed implements Stream, AsyncIterableIterator<HubEventRow> {
  viewer: Viewer;
  readonly tokenVersion: number;
  readonly expiresAt: number;
  /** The user epoch the viewer was last checked at. */
  private epoch: number;
  private readonly pending: HubEventRow[] = [];
  private pendingBytes = 0;
  /** Rows of the log still to replay, and whether the log has more. */
  private replay: HubEventRow[] = [];
  private replaying: boolean;
  private last: number;
  private waiting: Waiting | null = null;
  /** An answer (a page of the log, a visibility) is awaited: nothing else moves meanwhile. */
  private busy = false;
  private failure: unknown = null;
  private ended = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly service: EventService,
    private readonly deps: HubDeps,
    private readonly o: FeedOptions,
  ) {
    this.viewer = o.viewer;
    this.epoch = service.rightsEpoch;
    this.tokenVersion = o.tokenVersion;
    this.expiresAt = o.expiresAt;
    this.replaying = o.afterSeq !== null;
    this.last = o.afterSeq ?? 0;
    this.unsubscribe = deps.bus.subscribe((event) => this.offer(event));
  }

  close(error: AppError): void {
    this.failure ??= error;
    this.pump();
  }

  next(): Promise<IteratorResult<HubEventRow>> {
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.pump();
    });
  }

  return(): Promise<IteratorResult<HubEventRow>> {
    this.end();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<HubEventRow>> {
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<HubEventRow> {
    return this;
  }

  private offer(event: HubEventRow): void {
    if (this.failure || this.ended) return;
    if (this.pending.length >= this.deps.env.WS_MAX_PENDING_EVENTS || this.pendingBytes > this.deps.env.WS_MAX_BUFFERED_BYTES) {
      this.failure = new AppError('RATE_LIMITED', 'You fell too far behind the live feed; resubscribe with your last cursor.', {
        reason: 'SLOW_CONSUMER',
      });
      this.pending.length = 0;
      this.pendingBytes = 0;
      this.o.onOverflow();
    } else {
      this.pending.push(event);
      this.pendingBytes += approxBytes(event);
    }
    this.pump();
  }

  /** Answers the waiting next() with the next event the subscriber may see, if there is one yet. */
  private pump(): void {
    while (this.waiting && !this.busy) {
      if (this.ended) return this.answer(DONE);
      if (this.failure) {
        const { reject } = this.waiting;
        this.waiting = null;
        this.end();
        return reject(this.failure);
      }
      if (this.replaying && !this.replay.length) {
        this.busy = true;
        eventsAfter(this.deps.store.read, this.last, REPLAY_PAGE, this.o.args.problemId ?? undefined).then(
          (rows) => {
            this.replay = rows;
            this.replaying = rows.length === REPLAY_PAGE;
            this.settled();
          },
          (err: unknown) => this.settled(err),
        );
        return;
      }
      let event = this.replay.shift();
      if (!event) {
        event = this.pending.shift();
        if (!event) return;
        this.pendingBytes -= approxBytes(event);
      }
      if (event.seq <= this.last) continue;
      this.last = event.seq;
      const visible = this.visible(event);
      if (visible === true) this.deliver(event);
      else if (visible !== false) {
        this.busy = true;
        visible.then(
          (yes) => {
            if (yes && !this.failure && !this.ended) this.deliver(event);
            this.settled();
          },
          (err: unknown) => this.settled(err),
        );
        return;
      }
    }
  }

  private settled(error?: unknown): void {
    this.busy = false;
    if (error !== undefined) this.failure ??= error;
    this.pump();
  }

  /** The event checked against the subscriber's rights of now: re-read first if a user changed since. */
  private visible(event: HubEventRow): boolean | Promise<boolean> {
    if (this.epoch !== this.service.rightsEpoch) {
      this.epoch = this.service.rightsEpoch;
      return this.service.refresh(this).then((fresh) => {
        if (!fresh) {
          this.failure ??= unauthenticated('The sign-in is no longer valid; sign in again.');
          return false;
        }
        this.viewer = fresh;
        return !this.failure && this.service.visible(fresh, event, this.o.args);
      });
    }
    return this.service.visible(this.viewer, event, this.o.args);
  }

  private deliver(event: HubEventRow): void {
    this.o.onDeliver(this.viewer);
    this.answer({ done: false, value: event });
  }

  private answer(result: IteratorResult<HubEventRow>): void {
    const waiting = this.waiting!;
    this.waiting = null;
    waiting.resolve(result);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.unsubscribe();
    this.service.ended(this);
    this.pending.length = 0;
    this.pendingBytes = 0;
    if (this.waiting) this.answer(DONE);
  }
}
