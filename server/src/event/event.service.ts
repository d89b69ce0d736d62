import type { HubDeps } from '../core/hub.js';
import { closableIterator } from '../core/closable-iterator.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, unauthenticated } from '../core/errors.js';
import { eventVisible } from './event.rules.js';
import { eventsAfter, seqOfCursor, type HubEventRow } from './event.repository.js';
import { problemConcerns } from '../problem/problem.repository.js';
import type { AuthService } from '../auth/auth.service.js';
import { userEpoch } from '../user/user.epoch.js';

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
  /** The user epoch the viewer was last checked at. */
  epoch: number;
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
  private readonly scopeMemo = new Map<string, Promise<boolean>>();

  constructor(
    private readonly deps: HubDeps,
    private readonly auth: AuthService,
  ) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Whether a problem concerns a branch scope, memoised per event so that fan-out asks once. */
  private problemInScope(seq: number, scopeKey: string, scope: ReadonlySet<string>, problemId: string): Promise<boolean> {
    const key = `${seq}:${scopeKey}`;
    let hit = this.scopeMemo.get(key);
    if (hit === undefined) {
      // The promise is memoised, so that streams checking the same event at once still ask once.
      hit = problemConcerns(this.deps.store.read, problemId, scope);
      if (this.scopeMemo.size > 50_000) this.scopeMemo.clear();
      this.scopeMemo.set(key, hit);
      hit.catch(() => this.scopeMemo.delete(key));
    }
    return hit;
  }

  /** eventVisible, asking the database about the problem's scope only when the rule needs it. */
  private async visibleIn(scope: ReadonlySet<string> | null, event: HubEventRow, scopeKey: string): Promise<boolean> {
    let asked = null as string | null;
    const answer = eventVisible(scope, event, (pid) => {
      asked = pid;
      return false;
    });
    if (asked === null) return answer;
    const inScope = await this.problemInScope(event.seq, scopeKey, scope!, asked);
    return eventVisible(scope, event, () => inScope);
  }

  async visible(viewer: Viewer, event: HubEventRow, args: StreamArgs): Promise<boolean> {
    if (args.problemId && event.problemId !== args.problemId) return false;
    if (args.branchId) {
      const sub = this.deps.org.subtree(args.branchId);
      if (!(await this.visibleIn(sub, event, `b:${args.branchId}`))) return false;
    }
    return this.visibleIn(viewer.scope, event, `v:${viewer.branchId}`);
  }

  /** Closes streams whose sign-in is no longer valid: deactivated, rights changed, or expired. */
  private async sweep(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    for (const s of this.streams) {
      if (s.expiresAt <= now) {
        s.close(unauthenticated('The sign-in has expired; sign in again.'));
        continue;
      }
      const fresh = await this.auth.refresh(s.viewer, s.tokenVersion);
      if (!fresh) s.close(unauthenticated('The sign-in is no longer valid; sign in again.'));
      else s.viewer = fresh;
    }
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const s of this.streams) s.close(new AppError('UNAUTHENTICATED', 'The server is shutting down; reconnect with your last cursor.'));
  }

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
    if (args.branchId && !this.deps.org.get(args.branchId)) throw badInput('branchId', 'branchId is not a branch.');
    const pending: HubEventRow[] = [];
    let wake: (() => void) | null = null;
    let failure: AppError | null = null;
    let done = false;
    const entry: Stream = {
      viewer,
      epoch: userEpoch.value,
      tokenVersion,
      expiresAt,
      close: (error) => {
        failure ??= error;
        wake?.();
      },
    };
    let pendingBytes = 0;
    // Each subscriber has a bounded backlog (events and bytes): a client that stops reading stops
    // the transport's sends, events queue here, and past the bound the connection is cut (4429) so
    // that nothing grows; the client resumes with its last cursor and the log replays what it missed.
    const unsubscribe = this.deps.bus.subscribe((event) => {
      if (failure) return;
      if (pending.length >= this.deps.env.WS_MAX_PENDING_EVENTS || pendingBytes > this.deps.env.WS_MAX_BUFFERED_BYTES) {
        failure = new AppError('RATE_LIMITED', 'You fell too far behind the live feed; resubscribe with your last cursor.', {
          reason: 'SLOW_CONSUMER',
        });
        pending.length = 0;
        pendingBytes = 0;
        onOverflow();
      } else {
        pending.push(event);
        pendingBytes += approxBytes(event);
      }
      wake?.();
    });
    this.streams.add(entry);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => {
        this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'event stream sweep failed'));
      }, SWEEP_MS);
      this.sweeper.unref();
    }
    const cleanup = () => {
      done = true;
      unsubscribe();
      this.streams.delete(entry);
      wake?.();
    };
    const read = () => this.deps.store.read;
    const visible = async (event: HubEventRow): Promise<boolean> => {
      // A user changed since the last delivery: re-read this subscriber's rights before sending.
      if (entry.epoch !== userEpoch.value) {
        entry.epoch = userEpoch.value;
        const fresh = await this.auth.refresh(entry.viewer, entry.tokenVersion);
        if (!fresh) {
          failure ??= unauthenticated('The sign-in is no longer valid; sign in again.');
          return false;
        }
        entry.viewer = fresh;
      }
      if (failure) return false;
      return this.visible(entry.viewer, event, args);
    };
    async function* run(): AsyncGenerator<HubEventRow> {
      let last = afterSeq ?? 0;
      try {
        if (afterSeq !== null) {
          for (;;) {
            const rows = await eventsAfter(read(), last, REPLAY_PAGE, args.problemId ?? undefined);
            for (const row of rows) {
              last = row.seq;
              if (failure) throw failure;
              if (done) return;
              if (await visible(row)) {
                onDeliver(entry.viewer);
                yield row;
              }
            }
            if (rows.length < REPLAY_PAGE) break;
          }
        }
        while (!done) {
          if (failure) throw failure;
          const event = pending.shift();
          if (event) pendingBytes -= approxBytes(event);
          if (!event) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
            continue;
          }
          if (event.seq <= last) continue;
          last = event.seq;
          if (await visible(event)) {
            onDeliver(entry.viewer);
            yield event;
          }
        }
      } finally {
        cleanup();
      }
    }
    return closableIterator(run(), cleanup);
  }
}
