import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse, type GraphQLSchema } from 'graphql';
import { startHub, type TestHub } from '../../utils/hub.js';
import { hubSchema } from '../../../server/src/app/schema.js';
import { FanoutExecution, type NextChannel } from '../../../server/src/core/fanout.js';
import type { Context } from '../../../server/src/core/context.js';
import { hubEventsShared } from '../../../server/src/event/event.resolver.js';
import { cursorOfSeq, type HubEventRow } from '../../../server/src/event/event.repository.js';
import { auditScope, type AuditScope } from '../../../server/src/audit/audit.context.js';

/**
 * A shared subscription writes its own `next` messages to the socket (core/fanout.ts). It must keep
 * what graphql-ws's path gave: messages in order, one at a time (the next event taken only once the
 * socket took the last), the subscriber's bounded backlog with its 4429, and an unsubscribe that
 * ends the stream even with a write in flight. And since events reach streams from within the
 * request that published them, rendering must stay out of that request's audit scope.
 */
const PENDING = 3;
let hub: TestHub;
let schema: GraphQLSchema;
let seq = 1_000_000;

const event = (): HubEventRow => ({
  seq: ++seq,
  type: 'REPORT_PUBLISHED',
  at: new Date(1_764_000_000_000),
  actorId: null,
  problemId: null,
  actionId: null,
  feedbackId: null,
  complaintId: null,
  callbackId: null,
  commentId: null,
  branchId: null,
  fromStatus: null,
  toStatus: null,
  note: '月报已发布',
});
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A coordinator's hubEvents subscription on a channel that records writes and lets the test complete them. */
async function subscribe(fanout: FanoutExecution, query = 'subscription { hubEvents { cursor type note } }') {
  const services = hub.app.services;
  const auth = (await services.auth.viewerFromToken(`Bearer ${await hub.login('coordinator')}`))!;
  const closed: number[] = [];
  const contextValue: Context = {
    requestId: 'test',
    hub: services,
    log: hub.deps.log,
    viewer: auth.viewer,
    authError: null,
    mustChangePassword: false,
    tokenVersion: auth.tokenVersion,
    tokenExpiresAt: auth.expiresAt,
    loaders: services.loadersFor(auth.viewer),
    closeTransport: (code) => closed.push(code),
  };
  const writes: { message: Record<string, any>; written: (error?: Error) => void }[] = [];
  const channel: NextChannel = { id: 'sub-1', send: (message, written) => writes.push({ message: JSON.parse(message), written }) };
  const document = parse(query);
  const stream = (await fanout.subscribe({ schema, document, contextValue }, channel)) as AsyncIterableIterator<never>;
  const first = stream.next() as Promise<IteratorResult<unknown>>;
  const ended = first.then(
    (r) => ({ done: r.done, error: null }),
    (error: { extensions?: { code?: string } }) => ({ done: true, error: error.extensions?.code ?? String(error) }),
  );
  return { stream, writes, closed, first, ended };
}

beforeAll(async () => {
  hub = await startHub({ env: { WS_MAX_PENDING_EVENTS: String(PENDING) } });
  schema = await hubSchema();
});
afterAll(async () => hub?.stop());

describe('a shared subscription writing its own messages', () => {
  it('writes graphql-transport-ws next messages in order, the next only once the socket took the last', async () => {
    const fanout = new FanoutExecution(schema, { hubEvents: hubEventsShared }, (r) => r);
    const { stream, writes } = await subscribe(fanout);
    const [a, b] = [event(), event()];
    hub.deps.bus.publish([a, b]);
    await turn();
    expect(writes.map((w) => w.message)).toEqual([
      {
        id: 'sub-1',
        type: 'next',
        payload: { data: { hubEvents: { cursor: cursorOfSeq(a.seq), type: 'REPORT_PUBLISHED', note: '月报已发布' } } },
      },
    ]);
    writes[0]!.written();
    await turn();
    expect(writes.map((w) => w.message.payload.data.hubEvents.cursor)).toEqual([cursorOfSeq(a.seq), cursorOfSeq(b.seq)]);
    await stream.return!();
  });

  it('cuts a reader whose socket takes nothing more once its backlog is full (4429, RATE_LIMITED)', async () => {
    const fanout = new FanoutExecution(schema, { hubEvents: hubEventsShared }, (r) => r);
    const { writes, closed, ended } = await subscribe(fanout);
    // One written and never taken by the socket, then the backlog fills and overflows.
    for (let i = 0; i < PENDING + 2; i++) {
      hub.deps.bus.publish([event()]);
      await turn();
    }
    expect(writes).toHaveLength(1);
    expect(closed).toEqual([4429]);
    writes[0]!.written();
    expect(await ended).toEqual({ done: true, error: 'RATE_LIMITED' });
    expect(writes).toHaveLength(1);
  });

  it('ends at once on unsubscribe, with a write still in flight, and leaves the stream', async () => {
    const fanout = new FanoutExecution(schema, { hubEvents: hubEventsShared }, (r) => r);
    const before = hub.app.services.events.openStreams;
    const { stream, writes, ended } = await subscribe(fanout);
    expect(hub.app.services.events.openStreams).toBe(before + 1);
    hub.deps.bus.publish([event()]);
    await turn();
    expect(writes).toHaveLength(1);
    await stream.return!();
    expect(await ended).toEqual({ done: true, error: null });
    expect(hub.app.services.events.openStreams).toBe(before);
    writes[0]!.written();
    hub.deps.bus.publish([event()]);
    await turn();
    expect(writes).toHaveLength(1);
  });

  it('executes an event once for subscribers of one audience and hands each its own message', async () => {
    const fanout = new FanoutExecution(schema, { hubEvents: hubEventsShared }, (r) => r);
    const subscribers = [await subscribe(fanout), await subscribe(fanout), await subscribe(fanout)];
    hub.deps.bus.publish([event()]);
    await turn();
    expect(fanout.executions).toBe(1);
    expect(subscribers.map((s) => s.writes.length)).toEqual([1, 1, 1]);
    for (const s of subscribers) await s.stream.return!();
  });
});

describe('rendering a subscription event', () => {
  it('happens outside the audit scope of the request that published the event', async () => {
    // Feedback text shown in clear is recorded in the audit scope of the request showing it; a
    // subscriber's rendering, delivered from within the publishing request, must not land there.
    const token = await hub.login('coordinator');
    const refs = await hub.gql(token, '{ branches { id code } categories { id } }');
    const sh = refs.data!.branches.find((b: { code: string }) => b.code === 'SH').id;
    const recorded = await hub.gql(await hub.login('agent'), 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
      i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: refs.data!.categories[0].id, branchId: sh, text: '客户 13812345678 柜员态度差' },
    });
    const opened = await hub.gql(token, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id } }', {
      i: { title: '柜员服务', categoryId: refs.data!.categories[0].id, severity: 'LOW', feedbackIds: [recorded.data!.recordFeedback.id] },
    });
    const fanout = new FanoutExecution(schema, { hubEvents: hubEventsShared }, (r) => r);
    const { stream, first } = await subscribe(fanout, 'subscription { hubEvents { problem { feedback { edges { node { text } } } } } }');
    const publisher: AuditScope = {
      requestId: 'publisher',
      actorId: null,
      operation: 'x',
      isMutation: true,
      detail: '',
      viewedPersonalData: new Set(),
    };
    auditScope.run(publisher, () =>
      hub.deps.bus.publish([{ ...event(), type: 'PROBLEM_DISMISSED', problemId: opened.data!.openProblem.id }]),
    );
    const { value } = await first;
    expect(JSON.stringify(value)).toContain('13812345678');
    expect(publisher.viewedPersonalData.size).toBe(0);
    await stream.return!();
  });
});
