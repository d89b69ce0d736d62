import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHmac } from 'node:crypto';
import { startHub, codeOf, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, recordFeedback, openProblem, type DemoIds } from '../utils/fixtures.js';
import { startHttpReceiver, startSmtpReceiver, eventually } from '../utils/receivers.js';
import { eq } from 'drizzle-orm';
import { write } from '../../server/src/event/index.js';
import { outboundDeliveries } from '../../server/src/outbound/index.js';

/**
 * Outbound delivery (issue 19): the outbox written in the causing transaction, delivered at least
 * once with a stable id by e-mail (a real SMTP server), WeCom (a local HTTP server playing its API)
 * and signed webhooks; retried with back-off, parked as FAILED, replayed by the admin.
 */
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const SECRET = 'endpoint-secret-0123456789';
const DELIVERIES = `query($f: DeliveryFilter) { deliveries(filter: $f, first: 200) { id channel status attempts kind lastError endpointId userId } }`;
const REGISTER = `mutation($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { id version active eventTypes } }`;
const UPDATE_ENDPOINT = `mutation($i: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $i) { id version active } }`;
const PREFS = `mutation($i: UpdateOutboundPreferencesInput!) { updateOutboundPreferences(input: $i) {
  own { kinds channels quietHours { from to } version } email wecomUserId effectiveChannels } }`;
const REPLAY = `mutation($i: ReplayDeliveryInput!) { replayDelivery(input: $i) { id status attempts } }`;
const ADD_COMMENT = `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`;

let hub: TestHub;
let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let t: Record<string, string>;
let ids: DemoIds;
const clock = new TestClock(NOW);

type Delivery = {
  id: string;
  channel: string;
  status: string;
  attempts: number;
  kind: string;
  lastError: string | null;
  endpointId: string | null;
};
const deliveries = async (f: Record<string, unknown> = {}) =>
  ok<{ deliveries: Delivery[] }>(await hub.gql(t.admin!, DELIVERIES, { f })).deliveries;
const delivery = async (id: string) => (await deliveries()).find((d) => d.id === id);
/** Verifies a signed body as a receiver would. */
const signatureOk = (secret: string, headers: Record<string, unknown>, body: string) =>
  headers['x-hub-signature'] ===
  `sha256=${createHmac('sha256', secret)
    .update(`${String(headers['x-hub-timestamp'])}.${body}`)
    .digest('hex')}`;
const webhookPosts = (path: string) => receiver.received.filter((r) => r.path === path);

async function register(path: string, eventTypes: string[], extra: Record<string, unknown> = {}) {
  return ok(
    await hub.gql(t.admin!, REGISTER, {
      i: { name: `hook ${path}`, url: `${receiver.url}${path}`, format: 'SIGNED_JSON', secret: SECRET, eventTypes, ...extra },
    }),
  ).registerWebhookEndpoint as { id: string; version: number };
}

async function newProblem(title: string) {
  const f = await recordFeedback(hub, t.agent!, {
    kind: 'PROBLEM',
    channel: 'VOICE',
    categoryId: ids.category.CREDIT_CARD!,
    branchId: ids.branch.SH!,
    text: `${title} 的客户之声`,
  });
  return openProblem(hub, t.analyst!, ids.category.CREDIT_CARD!, [f], title);
}

beforeAll(async () => {
  receiver = await startHttpReceiver();
  smtp = await startSmtpReceiver();
  hub = await startHub({
    clock,
    demo: { feedback: 40, contacts: 20 },
    env: {
      HUB_PUBLIC_URL: 'https://voc.bank.example',
      OUTBOUND_POLL_SECONDS: '0.1',
      OUTBOUND_RETRY_BASE_SECONDS: '60',
      OUTBOUND_MAX_ATTEMPTS: '3',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_REQUIRE_TLS: 'false',
      SMTP_USER: 'hub',
      SMTP_PASSWORD: 'smtp-password',
      SMTP_FROM: 'VOC Hub <voc@bank.example>',
      WECOM_API_BASE: receiver.url,
      WECOM_CORP_ID: 'corp',
      WECOM_CORP_SECRET: 'wecom-secret',
      WECOM_AGENT_ID: '1000002',
    },
  });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
});
afterAll(async () => {
  await hub?.stop();
  await receiver?.close();
  await smtp?.close();
});

describe('outgoing webhooks', () => {
  it('an event reaches its endpoint signed, with a stable idempotency id, personal data masked', async () => {
    const ep = await register('/hooks/opened', ['PROBLEM_OPENED']);
    const p = await newProblem('客户 13812345678 反映信用卡盗刷');
    const post = await eventually(
      () => webhookPosts('/hooks/opened').find((r) => JSON.parse(r.body).problemId === p.id),
      10_000,
      'the webhook',
    );
    const body = JSON.parse(post.body);
    expect(body).toMatchObject({ type: 'PROBLEM_OPENED', problemId: p.id, link: `https://voc.bank.example/problems/${p.id}` });
    expect(post.body).not.toContain('13812345678');
    expect(body.note).toContain('*');
    // The idempotency id is the delivery's, in the body and the headers alike.
    expect(post.headers['idempotency-key']).toBe(body.id);
    expect(post.headers['x-hub-delivery']).toBe(body.id);
    // The receiver checks the signature: the right secret verifies it, a wrong one is detected.
    expect(signatureOk(SECRET, post.headers, post.body)).toBe(true);
    expect(signatureOk('another-secret-0123456789', post.headers, post.body)).toBe(false);
    // A body replayed under another timestamp does not verify.
    expect(
      signatureOk(SECRET, { ...post.headers, 'x-hub-timestamp': String(Number(post.headers['x-hub-timestamp']) + 600) }, post.body),
    ).toBe(false);
    const d = await eventually(async () => {
      const x = await delivery(body.id);
      return x?.status === 'DELIVERED' ? x : undefined;
    });
    expect(d).toMatchObject({ channel: 'WEBHOOK', endpointId: ep.id, kind: 'PROBLEM_OPENED', attempts: 1 });
    // The endpoint's secret is audited redacted.
    const audit = await hub.db.all<{ detail: string }>("SELECT detail FROM audit_log WHERE operation = 'registerWebhookEndpoint'");
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) expect(a.detail).not.toContain(SECRET);
  });

  it('a write rolled back sends nothing; the same write committed does', async () => {
    const ep = await register('/hooks/rollback', ['VIEW_SAVED']);
    const before = (await deliveries({ endpointId: ep.id })).length;
    await expect(
      write(hub.deps, async (tx, emit) => {
        await emit({ type: 'VIEW_SAVED', actorId: ids.user.admin! });
        // The reaction wrote the delivery in this transaction: proven here, before the fault.
        expect(await tx.select().from(outboundDeliveries).where(eq(outboundDeliveries.endpointId, ep.id))).toHaveLength(before + 1);
        throw new Error('injected fault after the event');
      }),
    ).rejects.toThrow('injected fault');
    expect((await deliveries({ endpointId: ep.id })).length).toBe(before);
    await write(hub.deps, async (_tx, emit) => {
      await emit({ type: 'VIEW_SAVED', actorId: ids.user.admin! });
    });
    expect((await deliveries({ endpointId: ep.id })).length).toBe(before + 1);
    await eventually(() => webhookPosts('/hooks/rollback').length === 1 || undefined, 10_000, 'the committed delivery');
  });

  it('a receiver down for a while gets the delivery once it recovers; parked after the last retry, replayed by the admin', async () => {
    const ep = await register('/hooks/down', ['PROBLEM_OPENED']);
    receiver.state.down = true;
    try {
      const p = await newProblem('接收方宕机期间的问题');
      const first = await eventually(async () => {
        const d = (await deliveries({ endpointId: ep.id }))[0];
        return d && d.attempts === 1 ? d : undefined;
      });
      expect(first).toMatchObject({ status: 'PENDING', lastError: 'HTTP 503 from the receiver' });
      // Back-off: not retried before its time (60 s, then 120 s).
      clock.advance(30_000);
      await hub.app.services.outbound.drain();
      expect((await delivery(first.id))!.attempts).toBe(1);
      clock.advance(30_000);
      await eventually(async () => ((await delivery(first.id))!.attempts === 2 ? true : undefined));
      receiver.state.down = false;
      clock.advance(120_000);
      const done = await eventually(async () => {
        const d = await delivery(first.id);
        return d?.status === 'DELIVERED' ? d : undefined;
      });
      expect(done.attempts).toBe(3);
      const posts = webhookPosts('/hooks/down');
      expect(posts.map((r) => r.status)).toEqual([503, 503, 200]);
      // Every attempt carried the same id and the same body.
      expect(new Set(posts.map((r) => r.headers['idempotency-key']))).toEqual(new Set([first.id]));
      expect(new Set(posts.map((r) => r.body)).size).toBe(1);
      expect(JSON.parse(posts[2]!.body).problemId).toBe(p.id);

      // Down for good: parked as FAILED after OUTBOUND_MAX_ATTEMPTS (3).
      receiver.state.down = true;
      await newProblem('一直失败的投递');
      const parked = await eventually(async () => {
        clock.advance(300_000);
        hub.app.services.outbound.wake();
        const d = (await deliveries({ endpointId: ep.id, status: 'FAILED' }))[0];
        return d;
      });
      expect(parked.attempts).toBe(3);
      const sent = webhookPosts('/hooks/down').length;
      clock.advance(3_600_000);
      await hub.app.services.outbound.drain();
      expect(webhookPosts('/hooks/down').length).toBe(sent);
      // Only the admin replays; a delivered one is not replayed.
      expect(codeOf(await hub.gql(t.coordinator!, REPLAY, { i: { deliveryId: parked.id } }))).toBe('FORBIDDEN');
      expect(codeOf(await hub.gql(t.admin!, REPLAY, { i: { deliveryId: first.id } }))).toBe('INVALID_TRANSITION');
      receiver.state.down = false;
      ok(await hub.gql(t.admin!, REPLAY, { i: { deliveryId: parked.id } }));
      await eventually(async () => ((await delivery(parked.id))?.status === 'DELIVERED' ? true : undefined));
      const last = webhookPosts('/hooks/down').at(-1)!;
      expect(last.status).toBe(200);
      expect(last.headers['idempotency-key']).toBe(parked.id);
    } finally {
      receiver.state.down = false;
    }
  });

  it('a deactivated endpoint receives nothing new; the log is the admin’s', async () => {
    const ep = await register('/hooks/off', ['PROBLEM_OPENED']);
    ok(await hub.gql(t.admin!, UPDATE_ENDPOINT, { i: { endpointId: ep.id, expectedVersion: ep.version, active: false } }));
    await newProblem('停用后的问题');
    expect(await deliveries({ endpointId: ep.id })).toEqual([]);
    expect(codeOf(await hub.gql(t.coordinator!, DELIVERIES, { f: { endpointId: ep.id } }))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await hub.gql(t.coordinator!, REGISTER, {
          i: { name: 'x', url: receiver.url, format: 'SIGNED_JSON', secret: SECRET, eventTypes: ['PROBLEM_OPENED'] },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await hub.gql(t.admin!, REGISTER, {
          i: { name: 'x', url: receiver.url, format: 'SIGNED_JSON', secret: 'short', eventTypes: ['PROBLEM_OPENED'] },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('people: e-mail and WeCom by their preferences', () => {
  it('a mention reaches the coordinator by e-mail (SMTP, authenticated) and WeCom, each once, with the link back', async () => {
    const prefs = ok(
      await hub.gql(t.coordinator!, PREFS, {
        i: { kinds: ['MENTIONED'], channels: ['EMAIL', 'WECOM'], email: 'coordinator@bank.example', wecomUserId: 'zhangsan' },
      }),
    ).updateOutboundPreferences;
    expect(prefs).toMatchObject({ email: 'coordinator@bank.example', wecomUserId: 'zhangsan', effectiveChannels: ['EMAIL', 'WECOM'] });
    const p = await newProblem('需要协调员关注的问题');
    ok(await hub.gql(t.analyst!, ADD_COMMENT, { i: { problemId: p.id, body: '请看一下', mentions: [ids.user.coordinator] } }));
    const mail = await eventually(() => smtp.mails.find((m) => m.to.includes('coordinator@bank.example')), 10_000, 'the mail');
    expect(mail.user).toBe('hub');
    expect(mail.from).toBe('voc@bank.example');
    // Quoted-printable soft line breaks undone, as a mail reader does.
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(`https://voc.bank.example/problems/${p.id}`);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    const wecom = await eventually(() =>
      receiver.received.find((r) => r.path.startsWith('/cgi-bin/message/send') && JSON.parse(r.body).touser === 'zhangsan'),
    );
    const msg = JSON.parse(wecom.body);
    expect(msg).toMatchObject({ msgtype: 'markdown', agentid: 1000002 });
    expect(msg.markdown.content).toContain(`(https://voc.bank.example/problems/${p.id})`);
    const mine = ok<{ deliveries: Delivery[] }>(await hub.gql(t.coordinator!, DELIVERIES, {})).deliveries;
    await eventually(async () => {
      const rows = ok<{ deliveries: Delivery[] }>(await hub.gql(t.coordinator!, DELIVERIES, {})).deliveries;
      return rows.filter((d) => d.status === 'DELIVERED').length === 2 || undefined;
    });
    expect(mine.map((d) => d.kind)).toEqual(['MENTIONED', 'MENTIONED']);
    expect(smtp.mails.filter((m) => m.to.includes('coordinator@bank.example'))).toHaveLength(1);
    // A user reads only their own log.
    expect(codeOf(await hub.gql(t.coordinator!, DELIVERIES, { f: { userId: ids.user.admin } }))).toBe('FORBIDDEN');
  });

  it('quiet hours hold a message until they end; malformed hours are refused', async () => {
    // 10:00 bank time falls within 09:00–11:00.
    clock.set(NOW);
    ok(await hub.gql(t['expert.card']!, PREFS, { i: { kinds: ['MENTIONED'], channels: ['WECOM'], quietFrom: '09:00', quietTo: '11:00' } }));
    const p = await newProblem('安静时段的问题');
    const before = receiver.received.filter((r) => r.path.startsWith('/cgi-bin/message/send')).length;
    ok(await hub.gql(t.analyst!, ADD_COMMENT, { i: { problemId: p.id, body: '专家请看', mentions: [ids.user['expert.card']] } }));
    const row = await hub.db.get<{ id: string; next_attempt_at: number }>(
      "SELECT id, next_attempt_at FROM outbound_deliveries WHERE target = 'expert.card' ORDER BY created_at DESC LIMIT 1",
    );
    expect(Number(row!.next_attempt_at)).toBe(Date.parse('2026-11-20T11:00:00+08:00'));
    await hub.app.services.outbound.drain();
    expect(receiver.received.filter((r) => r.path.startsWith('/cgi-bin/message/send')).length).toBe(before);
    const saved = clock.now().getTime();
    clock.set(Date.parse('2026-11-20T11:00:00+08:00'));
    try {
      await eventually(async () => ((await delivery(row!.id))?.status === 'DELIVERED' ? true : undefined));
    } finally {
      clock.set(saved);
    }
    expect(codeOf(await hub.gql(t['expert.card']!, PREFS, { i: { quietFrom: '25:00', quietTo: '07:00' } }))).toBe('BAD_USER_INPUT');
  });
});
