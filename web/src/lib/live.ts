import { createClient, type Client as WsClient } from 'graphql-ws';
import {
  makeOperation,
  mapExchange,
  stringifyDocument,
  type Client,
  type Exchange,
  type Operation,
  type TypedDocumentNode,
} from '@urql/core';
import type { LiveNotificationsSubscription } from '../gql/graphql.js';
import { matchesLive, retryDelayMs, type LiveEvent, type LiveEventKey, type LiveSpec } from './live-rules.js';
import { HUB_EVENTS_SUBSCRIPTION, NOTIFICATIONS_SUBSCRIPTION } from './live.query.js';

/** What the small indicator in the header shows. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface LiveSnapshot {
  connection: ConnectionState;
  /** The cursor of the last event seen; a reconnection resumes after it. */
  lastCursor: string | null;
  /** The latest events, newest first (at most RECENT_MAX). */
  recent: readonly LiveEvent[];
}

const RECENT_MAX = 50;
const PING_EVERY_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;
/** Events arrive in bursts (a conclusion assigns many actions); one refetch per burst. */
const REFETCH_DEBOUNCE_MS = 80;

/**
 * Keeps the queries on screen live: every active urql query that declares a `live` spec in its
 * context is re-executed (network-only) when an event it depends on arrives.
 */
export class LiveQueries {
  private readonly active = new Map<number, Operation>();
  private readonly pending = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private client: Client | null = null;

  /** Tracks which live queries are mounted. Put it before the cache exchange. */
  readonly exchange: Exchange = mapExchange({
    onOperation: (op) => {
      if (op.kind === 'teardown') this.active.delete(op.key);
      else if (op.kind === 'query' && op.context.live) this.active.set(op.key, op);
    },
  });

  attach(client: Client): void {
    this.client = client;
  }

  /** Schedules a refetch of every active query the event can change. */
  onEvent(event: LiveEventKey): void {
    for (const [key, op] of this.active) if (matchesLive(op.context.live as LiveSpec, event)) this.pending.add(key);
    this.flushSoon();
  }

  /** Schedules a refetch of the queries that show the viewer's notifications. */
  onNotification(): void {
    for (const [key, op] of this.active) if ((op.context.live as LiveSpec).notifications) this.pending.add(key);
    this.flushSoon();
  }

  /** Refetches every active live query (after a gap in the feed, or a CONFLICT). */
  refetchAll(): void {
    for (const key of this.active.keys()) this.pending.add(key);
    this.flushSoon();
  }

  private flushSoon(): void {
    if (this.timer || !this.pending.size) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const keys = [...this.pending];
      this.pending.clear();
      for (const key of keys) {
        const op = this.active.get(key);
        if (op && this.client) this.client.reexecuteOperation(makeOperation(op.kind, op, { ...op.context, requestPolicy: 'network-only' }));
      }
    }, REFETCH_DEBOUNCE_MS);
  }
}

export interface LiveFeedOptions {
  url: string;
  token: string;
  queries: LiveQueries;
  /** Called when the server refuses the sign-in on the WebSocket; answers whether it still holds. */
  checkSignIn: () => Promise<boolean>;
}

/** A notification of the viewer's inbox, as the live feed delivers it. */
export type LiveNotification = LiveNotificationsSubscription['notifications'];

/** One subscription kept alive across errors: resubscribed with back-off, resuming where it was. */
interface Stream {
  unsubscribe: (() => void) | null;
  timer: ReturnType<typeof setTimeout> | null;
  attempt: number;
}

/**
 * One graphql-ws connection per signed-in tab, carrying `hubEvents` and the viewer's
 * `notifications`. It reconnects on its own with back-off and resumes after the last cursor (and
 * the last notification) it saw, so nothing is lost while it was away; a connection that never saw
 * an event refetches everything on screen instead.
 */
export class LiveFeed {
  private snapshot: LiveSnapshot = { connection: 'connecting', lastCursor: null, recent: [] };
  private readonly listeners = new Set<() => void>();
  private readonly notificationListeners = new Set<(n: LiveNotification) => void>();
  private readonly seen = new Set<string>();
  private lastNotificationId: string | null = null;
  private ws: WsClient | null = null;
  private readonly streams: Stream[] = [];
  private everConnected = false;
  private stopped = false;

  constructor(private readonly options: LiveFeedOptions) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveSnapshot => this.snapshot;

  /** Listens to the viewer's new notifications. */
  onNotification(listener: (n: LiveNotification) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  start(): void {
    this.stopped = false;
    let pongTimer: ReturnType<typeof setTimeout> | null = null;
    let socket: WebSocket | null = null;
    this.ws = createClient({
      url: this.options.url,
      connectionParams: () => ({ authorization: `Bearer ${this.options.token}` }),
      lazy: true,
      keepAlive: PING_EVERY_MS,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
      on: {
        connecting: () => this.set({ connection: this.everConnected ? 'reconnecting' : 'connecting' }),
        opened: (s) => {
          socket = s as WebSocket;
        },
        connected: () => {
          const resumed = this.everConnected;
          this.everConnected = true;
          for (const stream of this.streams) stream.attempt = 0;
          this.set({ connection: 'connected' });
          // Without a cursor the server cannot replay what we missed: refetch what is on screen.
          if (resumed && !this.snapshot.lastCursor) this.options.queries.refetchAll();
        },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => {
            // A half-open connection: close it so that graphql-ws reconnects.
            if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Request Timeout');
          }, PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received && pongTimer) clearTimeout(pongTimer);
        },
        closed: () => {
          if (pongTimer) clearTimeout(pongTimer);
          if (!this.stopped) this.set({ connection: this.everConnected ? 'reconnecting' : 'connecting' });
        },
      },
    });
    this.streams.length = 0;
    // graphql-ws serialises the payload again on every reconnection: the getters make each
    // (re)subscription ask for what came after the last item seen.
    const lastCursor = () => this.snapshot.lastCursor;
    const lastNotification = () => this.lastNotificationId;
    this.follow(
      HUB_EVENTS_SUBSCRIPTION,
      {
        get after() {
          return lastCursor();
        },
      },
      (d) => this.receive(d.hubEvents),
    );
    this.follow(
      NOTIFICATIONS_SUBSCRIPTION,
      {
        get after() {
          return lastNotification();
        },
      },
      (d) => this.receiveNotification(d.notifications),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const stream of this.streams) {
      if (stream.timer) clearTimeout(stream.timer);
      stream.unsubscribe?.();
    }
    void this.ws?.dispose();
    this.ws = null;
    this.set({ connection: 'offline' });
  }

  private follow<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables: V, onData: (data: T) => void): void {
    const query = stringifyDocument(document);
    const stream: Stream = { unsubscribe: null, timer: null, attempt: 0 };
    this.streams.push(stream);
    const restartSoon = () => {
      if (this.stopped || stream.timer) return;
      stream.unsubscribe?.();
      stream.timer = setTimeout(() => {
        stream.timer = null;
        run();
      }, retryDelayMs(stream.attempt++));
    };
    const run = () => {
      if (!this.ws || this.stopped) return;
      stream.unsubscribe = this.ws.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            if (result.data) onData(result.data as T);
          },
          error: (error) => void this.recover(error).then((again) => again && restartSoon()),
          complete: restartSoon,
        },
      );
    };
    run();
  }

  private receive(event: LiveEvent): void {
    if (this.seen.has(event.cursor)) return;
    this.seen.add(event.cursor);
    if (this.seen.size > 500) this.seen.delete(this.seen.values().next().value!);
    this.set({ lastCursor: event.cursor, recent: [event, ...this.snapshot.recent].slice(0, RECENT_MAX) });
    this.options.queries.onEvent(event);
  }

  private receiveNotification(n: LiveNotification): void {
    if (n.id === this.lastNotificationId) return;
    this.lastNotificationId = n.id;
    this.options.queries.onNotification();
    for (const listener of this.notificationListeners) listener(n);
  }

  /** A stream ended with an error (a refused sign-in, a slow consumer, a server restart): go on? */
  private async recover(error: unknown): Promise<boolean> {
    if (this.stopped) return false;
    this.set({ connection: 'reconnecting' });
    const codes = Array.isArray(error) ? error.map((e: { extensions?: { code?: string } }) => e.extensions?.code) : [];
    const closeCode = (error as { code?: number } | null)?.code;
    if (codes.includes('UNAUTHENTICATED') || closeCode === 4401 || closeCode === 4403) {
      const stillSignedIn = await this.options.checkSignIn().catch(() => true);
      if (!stillSignedIn) {
        this.stop();
        return false;
      }
    }
    return true;
  }

  private set(patch: Partial<LiveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
