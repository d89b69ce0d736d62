import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, collect, DEMO_PASSWORD, type TestHub } from '../../utils/hub.js';
import { passwordProblem } from '../../../server/src/core/password.js';

const USERS = [
  ['admin', 'ADMIN'],
  ['agent', 'AGENT'],
  ['analyst', 'ANALYST'],
  ['coordinator', 'COORDINATOR'],
  ['expert.card', 'EXPERT'],
  ['expert.it', 'EXPERT'],
  ['bm.sh', 'BRANCH_MANAGER'],
  ['bm.bj', 'BRANCH_MANAGER'],
] as const;

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token user { username role branch { code } department { code } } } }';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => hub.stop());

describe('sign-in', () => {
  it.each(USERS)('%s signs in as %s and `me` answers over HTTP', async (username, role) => {
    const r = await hub.gql(null, LOGIN, { i: { username, password: DEMO_PASSWORD } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.login.user).toMatchObject({ username, role });
    const me = await hub.gql(r.data!.login.token, '{ me { username role } }');
    expect(me.data!.me).toEqual({ username, role });
  });

  it('scopes branch managers and experts as the contract says', async () => {
    const sh = await hub.gql(null, LOGIN, { i: { username: 'bm.sh', password: DEMO_PASSWORD } });
    expect(sh.data!.login.user.branch.code).toBe('SH');
    const card = await hub.gql(null, LOGIN, { i: { username: 'expert.card', password: DEMO_PASSWORD } });
    expect(card.data!.login.user.department.code).toBe('CARD');
  });

  it('answers unknown user and wrong password the same way', async () => {
    const wrong = await hub.gql(null, LOGIN, { i: { username: 'analyst', password: 'not-the-password' } });
    const unknown = await hub.gql(null, LOGIN, { i: { username: 'nobody.here', password: 'not-the-password' } });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
    expect(wrong.data).toBeNull();
  });

  it('refuses a forged, a malformed and a missing token', async () => {
    const token = await hub.login('analyst');
    const [head, body] = token.split('.');
    const forged = `${head}.${body}.${'A'.repeat(43)}`;
    expect(codeOf(await hub.gql(forged, '{ problems { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await hub.gql('garbage', '{ problems { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await hub.gql(null, '{ problems { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect((await hub.gql(null, '{ me { id } }')).data).toEqual({ me: null });
  });

  it('expires tokens', async () => {
    const token = await hub.login('analyst');
    hub.clock.advance(13 * 3600_000);
    try {
      expect(codeOf(await hub.gql(token, '{ me { id } }'))).toBe('UNAUTHENTICATED');
    } finally {
      hub.clock.advance(-13 * 3600_000);
    }
  });

  it('accepts the token on graphql-ws and refuses the socket without one', async () => {
    const token = await hub.login('coordinator');
    const good = collect(hub.ws(token), 'subscription { hubEvents { type } }');
    const agent = await hub.login('agent');
    const branches = await hub.gql(agent, '{ branches { id code } categories { id code } }');
    const sh = branches.data!.branches.find((b: { code: string }) => b.code === 'SH').id;
    const cat = branches.data!.categories[0].id;
    await new Promise((r) => setTimeout(r, 100));
    await hub.gql(agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
      i: { kind: 'PRAISE', channel: 'VOICE', categoryId: cat, branchId: sh, text: '柜员服务热情' },
    });
    await good.until(() => good.items.length >= 1);
    expect(good.items[0]).toEqual({ hubEvents: { type: 'FEEDBACK_RECORDED' } });
    const bad = collect(hub.ws('Bearer-less nonsense'), 'subscription { hubEvents { type } }');
    await bad.until(() => bad.errors.length > 0);
    expect(bad.items).toHaveLength(0);
  });
});

describe('password policy', () => {
  it.each([
    ['short', 'abc', /at least/],
    ['common', 'password123', /common/],
    ['digits in sequence', '1234567890', /common/],
    ['one repeated character', 'aaaaaaaaaaaa', /common/],
    ['good', 'Lotus-river-42', undefined],
  ])('%s', (_name, pw, expected) => {
    const problem = passwordProblem(pw, 10);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });
});
