/**
 * Unbounded inputs are refused before they are coerced, normalised or turned into SQL: every list
 * argument, every string (passwords with a small limit of their own, fields that need more declare
 * it), the nesting of a value, and the size of a WebSocket message. The answer is BAD_USER_INPUT
 * naming the field (HTTP 400), or a 1009 close, never a 500.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { startHub, codeOf, collect, DEMO_PASSWORD, type TestHub, type GqlResult } from '../utils/hub.js';

let hub: TestHub;
let token = '';
beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 50, contacts: 10 } });
  token = await hub.login('analyst');
});
afterAll(async () => hub.stop());

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
const FEEDBACK_BY_CHANNEL = 'query($c: [Channel!]) { feedback(filter: { channel: $c }, first: 1) { totalCount } }';
const PROBLEMS_BY_STATUS = 'query($s: [ProblemStatus!]) { problems(filter: { status: $s }, first: 1) { totalCount } }';

async function post(query: string, variables: Record<string, unknown> | string, auth: string | null = token) {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    // A string is sent as the variables' JSON as is (a nesting JSON.stringify itself could not write).
    body:
      typeof variables === 'string' ? `{"query":${JSON.stringify(query)},"variables":${variables}}` : JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GqlResult };
}

const refusedFor = (r: { status: number; body: GqlResult }, field: string) => {
  expect(r.status).toBe(400);
  expect(codeOf(r.body)).toBe('BAD_USER_INPUT');
  expect(r.body.errors![0]!.extensions!.field).toBe(field);
  expect(r.body.data ?? null).toBeNull();
};

async function overWs(query: string, variables: Record<string, unknown>): Promise<unknown[]> {
  const sub = collect(hub.ws(token), query, variables);
  await sub.until(() => sub.errors.length > 0 || sub.items.length > 0);
  return sub.errors;
}

describe('input limits over HTTP', () => {
  it('refuses a 1.3-million-character password anonymously, naming the field', async () => {
    refusedFor(await post(LOGIN, { i: { username: 'agent', password: 'x'.repeat(1_300_000) } }, null), 'input.password');
  });

  it('passwords have a small limit of their own; other strings the default', async () => {
    refusedFor(await post(LOGIN, { i: { username: 'agent', password: 'x'.repeat(2_000) } }, null), 'input.password');
    // A 3,000-character feedback text is within the default (10,000) and the service's 4,000.
    const agent = await hub.login('agent');
    const ids = await hub.gql(agent, '{ branches { id } categories { id } }');
    const text = await post(
      'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }',
      {
        i: {
          kind: 'SUGGESTION',
          channel: 'VOICE',
          categoryId: ids.data!.categories[0].id,
          branchId: ids.data!.branches[0].id,
          text: '长'.repeat(3_000),
        },
      },
      agent,
    );
    expect(text.body.errors).toBeUndefined();
    refusedFor(
      await post('query($q: String) { feedback(filter: { search: $q }, first: 1) { totalCount } }', { q: 'y'.repeat(10_001) }),
      'filter.search',
    );
    expect(await hub.login('agent', DEMO_PASSWORD)).toBeTruthy();
  });

  it('refuses 400,000 channels and 400,000 statuses with BAD_USER_INPUT, not a 500', async () => {
    refusedFor(await post(FEEDBACK_BY_CHANNEL, { c: Array.from({ length: 400_000 }, () => 'VOICE') }), 'filter.channel');
    refusedFor(await post(PROBLEMS_BY_STATUS, { s: Array.from({ length: 400_000 }, () => 'OPEN') }), 'filter.status');
    refusedFor(await post(FEEDBACK_BY_CHANNEL, { c: Array.from({ length: 1_001 }, () => 'VOICE') }), 'filter.channel');
    const fine = await post(FEEDBACK_BY_CHANNEL, { c: Array.from({ length: 1_000 }, () => 'VOICE') });
    expect(fine.body.errors).toBeUndefined();
  });

  it('checks values written in the document too', async () => {
    refusedFor(await post(`{ feedback(filter: { search: "${'z'.repeat(12_000)}" }, first: 1) { totalCount } }`, {}), 'filter.search');
  });

  it('refuses a variable nested 100,000 levels deep, anonymously, with BAD_USER_INPUT', async () => {
    const nested = `${'['.repeat(100_000)}"agent"${']'.repeat(100_000)}`;
    const r = await post(LOGIN, `{"i":{"username":${nested},"password":"whatever-password"}}`, null);
    expect(r.status).toBe(400);
    expect(codeOf(r.body)).toBe('BAD_USER_INPUT');
  });

  it('lets a field declare a larger list: recordContacts takes more than 1,000 records', async () => {
    const record = {
      offeredAt: new Date().toISOString(),
      channel: 'VOICE',
      answered: true,
      waitSeconds: 5,
      transferred: false,
      workOrder: false,
      complaint: false,
    };
    const r = await post('mutation($i: RecordContactsInput!) { recordContacts(input: $i) }', {
      i: { records: Array.from({ length: 1_200 }, () => record) },
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ recordContacts: 1_200 });
  });
});

describe('input limits over WebSocket', () => {
  it('refuses the same inputs on graphql-ws, naming the field', async () => {
    const channels = await overWs(FEEDBACK_BY_CHANNEL, { c: Array.from({ length: 400_000 }, () => 'VOICE') });
    expect(JSON.stringify(channels)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(channels)).toContain('filter.channel');
    const password = await overWs(LOGIN, { i: { username: 'agent', password: 'x'.repeat(1_300_000) } });
    expect(JSON.stringify(password)).toContain('input.password');
  });

  it('closes with 1009 a message larger than 4 MiB, before reading it as connection_init', async () => {
    const socket = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'x'.repeat(5 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });
});
