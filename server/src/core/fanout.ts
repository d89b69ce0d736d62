import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Viewer } from './viewer.rules.js';
import type { Context } from './context.js';

/**
 * A subscription whose events may be executed once for every subscriber of one audience. Its root
 * field must resolve to the event whatever its arguments: they only choose each subscriber's stream.
 */
export interface SharedSubscription<E> {
  /** The event's position in the stream: the same event, live or replayed, has the same one; later events higher. */
  eventKey(event: E): number;
  /**
   * For the fields an operation selects (`Type.field` coordinates, every operation and fragment
   * of its document): a key that is equal for two subscribers only if the operation's payload
   * for an event is the same for both; null when the payload may differ for every viewer.
   */
  audienceOf(fields: ReadonlySet<string>): ((viewer: Viewer, event: E) => string) | null;
}

/** Where a subscription's `next` messages go when the fan-out writes them itself (graphql-transport-ws). */
export interface NextChannel {
  /** The subscription's id on its connection. */
  readonly id: string;
  /** Writes one serialised message; `written` is called once the socket took it, or failed to. */
  send(message: string, written: (error?: Error) => void): void;
}

/** Events whose results are kept: the newest by eventKey; older ones (a replay far back) run alone. */
const SHARED_EVENTS = 16;
/** Distinct operations kept per event; past it a subscriber's execution is its own. */
const SHARED_OPERATIONS = 32;

interface Plan {
  eventKey: (event: unknown) => number;
  /** The document, operation and every variable the payload can depend on. */
  operationKey: string;
  audience: (viewer: Viewer, event: unknown) => string;
}

/**
 * Subscription events for graphql-ws, executed once per audience instead of once per subscriber:
 * with thousands of sockets on one event, graphql-js's execution of the selection set was most of
 * the server's work, repeated for answers that differ only between a handful of audiences
 * (role, scope, masking rights). Every subscriber still gets its own visibility and revocation
 * checks from its stream; only the rendering of an event it may see is shared, and only with
 * subscribers whose audience key — everything that rendering reads of the viewer — is equal.
 *
 * Each execution gets fresh loaders for the subscriber's current rights, so an event is rendered
 * with the data and rights of its delivery, never with a cache from the subscription's start.
 */
export class FanoutExecution {
  private readonly results = new Map<number, Map<string, Map<string, ExecutionResult | Promise<ExecutionResult>>>>();
  private readonly formattedResults = new WeakMap<ExecutionResult, FormattedExecutionResult>();
  private readonly serialised = new WeakMap<ExecutionResult, string>();
  private newest = Number.NEGATIVE_INFINITY;
  /** Subscription events executed since start (/metrics): a shared event counts once per audience. */
  executions = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly shared: Readonly<Record<string, SharedSubscription<never>>>,
    private readonly format: (result: ExecutionResult) => FormattedExecutionResult,
  ) {}

  /**
   * graphql-ws's `subscribe`: graphql-js's, with each event's execution shared where it may be.
   * Given a channel, a shared subscription writes its `next` messages itself, serialised once per
   * shared result: graphql-ws's own path costs several promises and a JSON.stringify per message
   * and subscriber, which at thousands of subscribers outweighed the writes themselves. The
   * iterator graphql-ws gets then yields nothing; it ends or fails with the stream.
   */
  subscribe = async (args: ExecutionArgs, channel?: NextChannel): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const events = source[Symbol.asyncIterator]();
    const ctx = args.contextValue as Context;
    const run = (event: unknown): ExecutionResult | Promise<ExecutionResult> => {
      this.executions++;
      const contextValue: Context = { ...ctx, loaders: ctx.hub.loadersFor(ctx.viewer) };
      return execute({ ...args, rootValue: event, contextValue });
    };
    const plan = this.planFor(args);
    if (!plan) return mapEvents(events, run);
    const render = (event: unknown) =>
      ctx.viewer ? this.sharedRun(plan, plan.eventKey(event), plan.audience(ctx.viewer, event), () => run(event)) : run(event);
    if (!channel) return mapEvents(events, render);
    const head = `{"id":${JSON.stringify(channel.id)},"type":"next","payload":`;
    const message = (result: ExecutionResult) => `${head}${this.payloadText(result)}}`;
    return writeEvents(
      events,
      (event) => {
        const result = render(event);
        return result instanceof Promise ? result.then(message) : message(result);
      },
      channel,
    );
  };

  /** graphql-ws's `onNext` payload: the result with its errors formatted, once per shared result. */
  formatted(result: ExecutionResult): FormattedExecutionResult {
    let formatted = this.formattedResults.get(result);
    if (!formatted) {
      formatted = this.format(result);
      this.formattedResults.set(result, formatted);
    }
    return formatted;
  }

  /** The formatted result as JSON, once per shared result. */
  private payloadText(result: ExecutionResult): string {
    let text = this.serialised.get(result);
    if (text === undefined) {
      text = JSON.stringify(this.formatted(result));
      this.serialised.set(result, text);
    }
    return text;
  }

  private sharedRun(
    plan: Plan,
    seq: number,
    audience: string,
    run: () => ExecutionResult | Promise<ExecutionResult>,
  ): ExecutionResult | Promise<ExecutionResult> {
    if (seq <= this.newest - SHARED_EVENTS) return run();
    if (seq > this.newest) {
      this.newest = seq;
      for (const kept of this.results.keys()) if (kept <= seq - SHARED_EVENTS) this.results.delete(kept);
    }
    let byOperation = this.results.get(seq);
    if (!byOperation) this.results.set(seq, (byOperation = new Map()));
    let byAudience = byOperation.get(plan.operationKey);
    if (!byAudience) {
      if (byOperation.size >= SHARED_OPERATIONS) return run();
      byOperation.set(plan.operationKey, (byAudience = new Map()));
    }
    let result = byAudience.get(audience);
    if (!result) {
      const running = run();
      byAudience.set(audience, running);
      // Once settled, the result itself: later subscribers take it without waiting a turn.
      if (running instanceof Promise)
        running.then(
          (settled) => {
            if (byAudience.get(audience) === running) byAudience.set(audience, settled);
          },
          () => byAudience.delete(audience),
        );
      result = running;
    }
    return result;
  }

  /** How an operation's events are shared; null when each subscriber's are its own. */
  private planFor(args: ExecutionArgs): Plan | null {
    const operation = getOperationAST(args.document, args.operationName);
    const root = operation?.selectionSet.selections[0];
    if (!operation || root?.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1) return null;
    const shared = this.shared[root.name.value];
    if (!shared) return null;
    const fields = new Set<string>();
    const typeInfo = new TypeInfo(this.schema);
    visit(
      args.document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          fields.add(`${typeInfo.getParentType()?.name ?? '?'}.${node.name.value}`);
        },
      }),
    );
    const audience = shared.audienceOf(fields) as ((viewer: Viewer, event: unknown) => string) | null;
    return audience && { eventKey: shared.eventKey as (event: unknown) => number, operationKey: operationKey(args, root), audience };
  }
}

/**
 * The document, the operation's name and the value of every variable used outside the root
 * field's arguments. Those arguments only choose the stream (resume cursor, filters), which each
 * subscriber applies to itself; a variable used anywhere else (a nested argument, @include) is
 * part of the key, so that subscribers asking for different payloads never share one.
 */
function operationKey(args: ExecutionArgs, root: FieldNode): string {
  const used = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(v) {
        used.add(v.name.value);
      },
    });
  for (const definition of args.document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) collect(definition);
    else {
      for (const d of definition.directives ?? []) collect(d);
      for (const s of definition.selectionSet.selections) {
        if (s !== root) collect(s);
        else {
          for (const d of s.directives ?? []) collect(d);
          if (s.selectionSet) collect(s.selectionSet);
        }
      }
    }
  }
  const values = args.variableValues ?? {};
  // An absent variable (its default applies) and an explicit null are different requests.
  const variables = [...used].sort().map((name) => (Object.hasOwn(values, name) ? [name, values[name]] : [name]));
  return JSON.stringify([print(args.document), args.operationName ?? null, variables]);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

/** The source's events mapped to results; return() and throw() reach the source at once. */
function mapEvents<R>(source: AsyncIterator<unknown>, map: (event: unknown) => R | Promise<R>): AsyncIterableIterator<R> {
  const close = async () => {
    await source.return?.();
  };
  const abrupt = async (error: unknown): Promise<never> => {
    await close();
    throw error;
  };
  const yielded = (value: R): IteratorResult<R> => ({ done: false, value });
  return {
    next: () =>
      source.next().then((step): IteratorResult<R> | Promise<IteratorResult<R>> => {
        if (step.done) return { done: true, value: undefined };
        try {
          const mapped = map(step.value);
          return mapped instanceof Promise ? mapped.then(yielded, abrupt) : yielded(mapped);
        } catch (error) {
          return abrupt(error);
        }
      }),
    async return() {
      await close();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      return abrupt(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The source's events written to the channel as `next` messages, one at a time: the next event is
 * taken once the socket took the last message, so that a stalled reader backs up in its stream's
 * bounded backlog as it does on graphql-ws's path. The iterator yields nothing; its next() settles
 * when the stream ends or fails, and at once on return() (a socket closed under a write in flight).
 */
function writeEvents(
  source: AsyncIterator<unknown>,
  message: (event: unknown) => string | Promise<string>,
  channel: NextChannel,
): AsyncIterableIterator<never> {
  let stopped = false;
  let settle: (() => void) | null = null;
  const close = async () => {
    stopped = true;
    settle?.();
    await source.return?.();
  };
  return {
    next: () =>
      new Promise<IteratorResult<never>>((resolve, reject) => {
        settle = () => resolve(DONE);
        const fail = (error: unknown) => {
          settle = null;
          close().then(
            () => reject(error),
            () => reject(error),
          );
        };
        const write = (text: string) => {
          if (stopped) resolve(DONE);
          else channel.send(text, (error) => (error ? fail(error) : step()));
        };
        const step = () => {
          if (stopped) return resolve(DONE);
          source.next().then((next) => {
            if (next.done || stopped) return resolve(DONE);
            try {
              const text = message(next.value);
              if (typeof text === 'string') write(text);
              else text.then(write, fail);
            } catch (error) {
              fail(error);
            }
          }, reject);
        };
        step();
      }),
    async return() {
      await close();
      return DONE;
    },
    async throw(error?: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
