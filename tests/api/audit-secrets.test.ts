import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { startHub, codeOf, DEMO_PASSWORD, type TestHub, type GqlResult } from '../utils/hub.js';
import { createLogger } from '../../server/src/core/logger.js';

// Secrets (issue 24, item 1): no password, right or wrong, reaches audit_log.detail, the logs or an
// error message, whatever the variable is called, over HTTP and WebSocket.

let hub: TestHub;
let admin = '';
let logs = '';
let n = 0;
/** A fresh secret each time: a password nobody else in the run uses, so finding it anywhere is a leak. */
const secret = () => `Zq-leak-${++n}-${Math.random().toString(36).slice(2)}-Xv`;
const secrets: string[] = [];
const fresh = () => {
  const s = secret();
  secrets.push(s);
  return s;
};

const auditText = async () =>
  (await hub.db.all<{ detail: string }>('SELECT detail FROM audit_log ORDER BY seq')).map((r) => r.detail).join('\n');

/** Every secret used so far, looked for in the whole audit trail, the captured logs and the given answers. */
async function expectNoLeak(answers: unknown[] = []) {
  const audit = await auditText();
  const said = JSON.stringify(answers);
  for (const s of secrets) {
    expect(audit, 'audit_log').not.toContain(s);
    expect(logs, 'logs').not.toContain(s);
    expect(said, 'answers').not.toContain(s);
  }
}

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 20, contacts: 5 } });
  // The hub's own logger, at debug level, written into a string the test reads.
  hub.deps.log = createLogger(
    'debug',
    new Writable({
      write(chunk, _enc, done) {
        logs += String(chunk);
        done();
      },
    }),
  );
  admin = await hub.login('admin');
});
afterAll(async () => hub.stop());

async function createUser(username: string, password: string, variable = 'whatever'): Promise<GqlResult> {
  return hub.gql(admin, `mutation($${variable}: CreateUserInput!) { createUser(input: $${variable}) { id } }`, {
    [variable]: { username, displayName: username, role: 'AGENT', password },
  });
}

describe('secrets over HTTP', () => {
  it('keeps createUser, login (right and wrong) and changePassword passwords out of the trail', async () => {
    const initial = fresh();
    const created = await createUser('leak.one', initial);
    expect(created.errors).toBeUndefined();
    const answers: unknown[] = [created];
    // The web app's own shape, and other variable names.
    const ok = await hub.gql(null, 'mutation($input: LoginInput!) { login(input: $input) { token } }', {
      input: { username: 'leak.one', password: initial },
    });
    expect(ok.data?.login.token).toBeTruthy();
    const wrong1 = fresh();
    const w1 = await hub.gql(null, 'mutation($credentials: LoginInput!) { login(input: $credentials) { token } }', {
      credentials: { username: 'leak.one', password: wrong1 },
    });
    // A secret passed as a plain String variable into the password position.
    const wrong2 = fresh();
    const w2 = await hub.gql(null, 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }', {
      u: 'leak.one',
      p: wrong2,
    });
    // An inline literal.
    const wrong3 = fresh();
    const w3 = await hub.gql(null, `mutation { login(input: { username: "leak.one", password: "${wrong3}" }) { token } }`);
    for (const r of [w1, w2, w3]) expect(codeOf(r)).toBe('UNAUTHENTICATED');
    answers.push(ok, w1, w2, w3);

    const token = ok.data!.login.token as string;
    const next = fresh();
    const changed = await hub.gql(token, 'mutation($x: ChangePasswordInput!) { changePassword(input: $x) { token } }', {
      x: { currentPassword: initial, newPassword: next },
    });
    expect(changed.errors).toBeUndefined();
    const badChange = await hub.gql(
      changed.data!.changePassword.token,
      'mutation($x: ChangePasswordInput!) { changePassword(input: $x) { token } }',
      {
        x: { currentPassword: fresh(), newPassword: fresh() },
      },
    );
    expect(codeOf(badChange)).toBe('BAD_USER_INPUT');
    answers.push(changed, badChange);

    const rows = await hub.db.all<{ operation: string; outcome: string; detail: string }>(
      "SELECT operation, outcome, detail FROM audit_log WHERE operation IN ('login', 'createUser', 'changePassword') ORDER BY seq",
    );
    // The trail still says who tried: the username stays, only the password is replaced.
    expect(rows.filter((r) => r.operation === 'login' && r.outcome === 'REFUSED').length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.operation === 'login' && r.outcome === 'REFUSED' && r.detail.includes('leak.one'))).toBe(true);
    expect(rows.some((r) => r.detail.includes('[redacted]'))).toBe(true);
    await expectNoLeak(answers);
  });

  it('keeps resetPassword and refused password changes out of the trail', async () => {
    const created = await createUser('leak.two', fresh(), 'in');
    const id = created.data!.createUser.id as string;
    const reset = await hub.gql(admin, 'mutation($r: ResetPasswordInput!) { resetPassword(input: $r) { id } }', {
      r: { id, newPassword: fresh() },
    });
    expect(reset.errors).toBeUndefined();
    // Refused: too short (a rule's message), and by a non-admin (FORBIDDEN row).
    const short = await hub.gql(admin, 'mutation($r: ResetPasswordInput!) { resetPassword(input: $r) { id } }', {
      r: { id, newPassword: `s${n}` },
    });
    secrets.push(`s${n}`);
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    const agent = await hub.login('agent');
    const forbidden = await hub.gql(agent, 'mutation($r: ResetPasswordInput!) { resetPassword(input: $r) { id } }', {
      r: { id, newPassword: fresh() },
    });
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    const literal = await hub.gql(agent, `mutation { resetPassword(input: { id: "${id}", newPassword: "${fresh()}" }) { id } }`);
    expect(codeOf(literal)).toBe('FORBIDDEN');
    await expectNoLeak([reset, short, forbidden, literal]);
  });

  it('quotes no submitted value in input errors', async () => {
    // Each is refused by graphql-js before any resolver runs; its message used to quote the input.
    const missingUsername = await hub.gql(null, 'mutation($input: LoginInput!) { login(input: $input) { token } }', {
      input: { password: fresh() },
    });
    const objectPassword = await hub.gql(null, 'mutation($input: LoginInput!) { login(input: $input) { token } }', {
      input: { username: 'agent', password: { nested: fresh() } },
    });
    const literalObject = await hub.gql(
      null,
      `mutation { login(input: { username: "agent", password: { nested: "${fresh()}" } }) { token } }`,
    );
    const listPassword = await hub.gql(admin, 'mutation($c: CreateUserInput!) { createUser(input: $c) { id } }', {
      c: { username: 'x', displayName: 'x', role: 'NOT_A_ROLE', password: fresh() },
    });
    const undeclared = await hub.gql(null, 'mutation($input: LoginInput!) { login(input: $input) { token } }', {
      input: { username: 'agent', password: 'wrong-wrong' },
      somethingElse: fresh(),
    });
    for (const r of [missingUsername, objectPassword, literalObject, listPassword]) expect(codeOf(r)).toBe('BAD_USER_INPUT');
    // The reason stays readable.
    expect(missingUsername.errors![0]!.message).toMatch(/Field "username" of required type "String!" was not provided/);
    await expectNoLeak([missingUsername, objectPassword, literalObject, listPassword, undeclared]);
  });

  it('redacts credentials handed to the logger', () => {
    const s = fresh();
    hub.deps.log.info({ password: s, input: { newPassword: s }, headers: { authorization: `Bearer ${s}` } }, 'probe');
    expect(logs).toContain('probe');
    expect(logs).not.toContain(s);
  });
});

describe('secrets over WebSocket', () => {
  it('keeps createUser, resetPassword and changePassword passwords out of the trail', async () => {
    const client = hub.ws(admin);
    const run = (query: string, variables: Record<string, unknown>) =>
      new Promise<GqlResult>((resolve, reject) => {
        let result: GqlResult = {};
        client.subscribe({ query, variables }, { next: (v) => (result = v as GqlResult), error: reject, complete: () => resolve(result) });
      });
    const created = await run('mutation($anything: CreateUserInput!) { createUser(input: $anything) { id } }', {
      anything: { username: 'leak.ws', displayName: 'ws', role: 'AGENT', password: fresh() },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createUser.id as string;
    const reset = await run('mutation($q: ID!, $w: String!) { resetPassword(input: { id: $q, newPassword: $w }) { id } }', {
      q: id,
      w: fresh(),
    });
    expect(reset.errors).toBeUndefined();
    const refused = await run('mutation($c: ChangePasswordInput!) { changePassword(input: $c) { token } }', {
      c: { currentPassword: fresh(), newPassword: fresh() },
    });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    const badShape = await run('mutation($c: ChangePasswordInput!) { changePassword(input: $c) { token } }', {
      c: { newPassword: fresh() },
    });
    expect(codeOf(badShape)).toBe('BAD_USER_INPUT');
    const rows = await hub.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE operation IN ('createUser', 'resetPassword') ORDER BY seq",
    );
    expect(rows.some((r) => r.detail.includes('leak.ws'))).toBe(true);
    await expectNoLeak([created, reset, refused, badShape]);
  });
});

describe('deeply nested variables (item 8)', () => {
  const LEVELS = 100_000;
  const deep = `${'['.repeat(LEVELS)}"x"${']'.repeat(LEVELS)}`;
  const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token } }';

  it('answers 400 BAD_USER_INPUT over HTTP, and the hub keeps serving', async () => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${JSON.stringify(LOGIN)},"variables":{"input":{"username":${deep},"password":"p"}}}`,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as GqlResult;
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(await hub.login('agent', DEMO_PASSWORD)).toBeTruthy();
  });

  it('answers an error message over WebSocket, not a close', async () => {
    const socket = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
    const messages: Record<string, any>[] = [];
    let closed: number | null = null;
    socket.on('message', (m) => messages.push(JSON.parse(String(m))));
    socket.on('close', (code) => (closed = code));
    await new Promise((resolve) => socket.once('open', resolve));
    const until = async (pred: () => boolean) => {
      while (!pred() && closed === null) await new Promise((r) => setTimeout(r, 10));
    };
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${admin}` } }));
    await until(() => messages.some((m) => m.type === 'connection_ack'));
    socket.send(
      // The probe's shape: a mutation whose input holds the nesting (the audit code overflowed on it).
      `{"id":"deep","type":"subscribe","payload":{"query":${JSON.stringify(LOGIN)},"variables":{"input":{"username":${deep},"password":"p"}}}}`,
    );
    await until(() => messages.some((m) => m.id === 'deep' && (m.type === 'error' || m.type === 'complete')));
    expect(closed, JSON.stringify(messages).slice(0, 300)).toBeNull();
    const answer = messages.find((m) => m.id === 'deep')!;
    expect(answer.type).toBe('error');
    expect(answer.payload[0].extensions.code).toBe('BAD_USER_INPUT');
    // The same socket still answers.
    socket.send(JSON.stringify({ id: 'after', type: 'subscribe', payload: { query: '{ me { username } }' } }));
    await until(() => messages.some((m) => m.id === 'after' && m.type === 'next'));
    expect(messages.find((m) => m.id === 'after' && m.type === 'next')!.payload.data.me.username).toBe('admin');
    socket.close();
  });
});
