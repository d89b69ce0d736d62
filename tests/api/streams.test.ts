import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { startHub, collect, type TestHub } from '../utils/hub.js';

/** Live streams that cannot hurt the server, and that stop the moment a user's rights do. */
let hub: TestHub;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const RECORD = 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }';
const record = (branch: string, text = '网点排队时间长') =>
  hub.gql(t.agent!, RECORD, { i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: ids.category, branchId: ids[branch], text } });

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 100, contacts: 10 }, env: { WS_MAX_PENDING_EVENTS: '100' } });
  for (const u of ['admin', 'agent', 'analyst', 'coordinator', 'bm.bj', 'bm.sh']) t[u] = await hub.login(u);
  const org = await hub.gql(t.admin!, '{ branches { id code } categories { id } users { id username } }');
  for (const b of org.data!.branches) ids[b.code] = b.id;
  for (const u of org.data!.users) ids[u.username] = u.id;
  ids.category = org.data!.categories[0].id;
});
afterAll(async () => hub.stop());

describe('revocation', () => {
  it('a deactivated user receives nothing more and the stream closes within 5 s', async () => {
    const stream = collect<{ hubEvents: { type: string } }>(hub.ws(t['bm.bj']!), 'subscription { hubEvents { type } }');
    await new Promise((r) => setTimeout(r, 150));
    await record('BJ');
    await stream.until(() => stream.items.length === 1);
    await hub.gql(t.admin!, 'mutation($i: UserIdInput!) { deactivateUser(input: $i) { id } }', { i: { id: ids['bm.bj'] } });
    await record('BJ');
    await record('BJ');
    const started = Date.now();
    await stream.until(() => stream.errors.length > 0 || stream.completed, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stream.items).toHaveLength(1);
    expect(JSON.stringify(stream.errors)).toContain('UNAUTHENTICATED');
    await hub.gql(t.admin!, 'mutation($i: UserIdInput!) { reactivateUser(input: $i) { id } }', { i: { id: ids['bm.bj'] } });
  });

  it('a branch change ends the stream even when no event flows (the sweep)', async () => {
    const token = await hub.login('bm.sh');
    const stream = collect(hub.ws(token), 'subscription { hubEvents { type } }');
    await new Promise((r) => setTimeout(r, 150));
    await hub.gql(t.admin!, 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }', {
      i: { id: ids['bm.sh'], branchId: ids.GZ },
    });
    await stream.until(() => stream.errors.length > 0 || stream.completed, 5_000);
    expect(stream.items).toHaveLength(0);
    await hub.gql(t.admin!, 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }', {
      i: { id: ids['bm.sh'], branchId: ids.SH },
    });
  });

  it('an expired token ends the stream', async () => {
    const token = await hub.login('analyst');
    const stream = collect(hub.ws(token), 'subscription { hubEvents { type } }');
    await new Promise((r) => setTimeout(r, 150));
    hub.clock.advance(13 * 3600_000);
    try {
      await stream.until(() => stream.errors.length > 0 || stream.completed, 5_000);
      await record('SH');
      expect(stream.items).toHaveLength(0);
    } finally {
      hub.clock.advance(-13 * 3600_000);
    }
  });
});

describe('a subscriber that stops reading', () => {
  it('is cut off with 4429 while the server stays up and others keep receiving', async () => {
    // A problem whose feedback makes every event on it a large payload (~50 × 4,000 characters).
    // The small items attached later are recorded first, so that the 50 large ones stay newest.
    const rounds = 400;
    const extras: string[] = [];
    for (let i = 0; i < rounds; i++) extras.push((await record('SH', `附加 ${i}`)).data!.recordFeedback.id);
    const fb: string[] = [];
    for (let i = 0; i < 50; i++) fb.push((await record('SH', `${'排队'.repeat(1_999)}${i}`)).data!.recordFeedback.id);
    const opened = await hub.gql(t.analyst!, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id version } }', {
      i: { title: '大负载', categoryId: ids.category, severity: 'LOW', feedbackIds: fb },
    });
    const problemId = opened.data!.openProblem.id;
    let version = opened.data!.openProblem.version;
    const query = `subscription { hubEvents(problemId: "${problemId}") { type problem { feedback(first: 50) { edges { node { text } } } } } }`;

    const slow = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
    await new Promise((r) => slow.once('open', r));
    slow.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.coordinator}` } }));
    await new Promise((r) => slow.once('message', r));
    slow.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query } }));
    await new Promise((r) => setTimeout(r, 100));
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();

    const fast = collect<{ hubEvents: { type: string } }>(
      hub.ws(t.coordinator!),
      `subscription { hubEvents(problemId: "${problemId}") { type } }`,
    );
    await new Promise((r) => setTimeout(r, 100));
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < rounds; i++) {
      const extra = extras[i]!;
      const r = await hub.gql(t.analyst!, 'mutation($i: AttachFeedbackInput!) { attachFeedback(input: $i) { version } }', {
        i: { problemId, expectedVersion: version, feedbackIds: [extra] },
      });
      version = r.data!.attachFeedback.version;
    }
    await fast.until(() => fast.items.length >= rounds);
    const metrics = await (await fetch(hub.url.replace('/graphql', '/metrics'))).text();
    expect(
      metrics,
      metrics
        .split('\n')
        .filter((l) => l.startsWith('hub_ws'))
        .join('\n'),
    ).toMatch(/hub_ws_slow_consumers_closed_total(\{\})? 1/);
    // 400 events × ~600 KB each would be ~240 MB for the stalled socket; it holds at most its backlog.
    const growth = process.memoryUsage().rss - rssBefore;
    console.log(`memory growth under a stalled subscriber: ${(growth / 1048576).toFixed(1)} MiB`);
    expect(growth).toBeLessThan(150 * 1024 * 1024);
    expect((await fetch(hub.url.replace('/graphql', '/healthz'))).status).toBe(200);
    slow.terminate();
  });
});
