/**
 * The sign-in throttle over real HTTP: attempts are counted before the password is checked, so a
 * burst sent at once cannot slip past the budget; the answer while throttled is RATE_LIMITED with
 * HTTP 429 and Retry-After; failures expire; the source address has its own budget (IPv6 by /64,
 * X-Forwarded-For only from a trusted proxy); password hashing has a bounded queue; on PostgreSQL
 * the counts hold across hub processes.
 */
import { describe, it, expect, afterEach, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { startHub, DEMO_PASSWORD, type TestHub } from '../../utils/hub.js';
import { serviceAvailable } from '../../utils/services.js';
import { openPgStore } from '../../../server/src/core/db.pg.js';
import { createApp } from '../../../server/src/app/app.js';
import { OrgDirectory } from '../../../server/src/org/org.directory.js';

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
const DEMO = { feedback: 10, contacts: 10 };

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: number | null;
  token: string | undefined;
}

async function attempt(url: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: LOGIN, variables: { i: { username, password } } }),
  });
  const body = (await res.json()) as { data?: { login?: { token: string } } | null; errors?: { extensions?: { code?: string } }[] };
  const retry = res.headers.get('retry-after');
  return {
    status: res.status,
    code: body.errors?.[0]?.extensions?.code,
    retryAfter: retry === null ? null : Number(retry),
    token: body.data?.login?.token,
  };
}

const expectLimited = (a: Answer) => {
  expect(a.code).toBe('RATE_LIMITED');
  expect(a.status).toBe(429);
  expect(a.retryAfter).toBeGreaterThan(0);
  expect(a.token).toBeUndefined();
};

let hubs: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const h of hubs.reverse()) await h.stop();
  hubs = [];
});
async function hub(env: Record<string, string>, database?: 'sqlite' | 'postgres'): Promise<TestHub> {
  const h = await startHub({ demo: DEMO, env, ...(database ? { database } : {}) });
  hubs.push(h);
  return h;
}

describe('the sign-in throttle', () => {
  it('lets no guess of a parallel burst past the budget, refuses the rest with 429 + Retry-After, and forgets after the window', async () => {
    const h = await hub({ LOGIN_MAX_FAILURES_PER_USER: '10', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000', LOGIN_FAILURE_WINDOW_SECONDS: '60' });
    const burst = await Promise.all(Array.from({ length: 30 }, (_, k) => attempt(h.url, 'expert.it', `wrong-guess-${k}`)));
    const checked = burst.filter((a) => a.code === 'UNAUTHENTICATED');
    const limited = burst.filter((a) => a.code === 'RATE_LIMITED');
    expect(checked).toHaveLength(10);
    expect(limited).toHaveLength(20);
    limited.forEach(expectLimited);
    // The right password is not even checked while the username is throttled.
    const right = await attempt(h.url, 'expert.it', DEMO_PASSWORD);
    expectLimited(right);
    expect(Math.max(...limited.map((a) => a.retryAfter!))).toBeLessThanOrEqual(60);
    // After the window the real user signs in at once. The counters read the wall clock (Date), and
    // the hub runs in this process: the clock is moved past the window instead of waiting for it.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: Date.now() + 61_000 });
    try {
      const after = await attempt(h.url, 'expert.it', DEMO_PASSWORD);
      expect(after.code).toBeUndefined();
      expect(after.token).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);

  it('limits one source address across usernames, IPv6 by /64, trusting X-Forwarded-For only from TRUST_PROXY', async () => {
    const h = await hub({ LOGIN_MAX_FAILURES_PER_USER: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '5', TRUST_PROXY: 'loopback' });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let k = 0; k < 5; k++)
      expect((await attempt(h.url, `nobody-${k}`, 'wrong-password', from('203.0.113.7'))).code).toBe('UNAUTHENTICATED');
    expectLimited(await attempt(h.url, 'agent', DEMO_PASSWORD, from('203.0.113.7')));
    expect((await attempt(h.url, 'agent', DEMO_PASSWORD, from('203.0.113.8'))).token).toBeTruthy();

    for (let k = 0; k < 5; k++) await attempt(h.url, `nobody-v6-${k}`, 'wrong-password', from(`2001:db8:1:2::${k + 1}`));
    expectLimited(await attempt(h.url, 'agent', DEMO_PASSWORD, from('2001:db8:1:2:ffff::9')));
    expect((await attempt(h.url, 'agent', DEMO_PASSWORD, from('2001:db8:1:3::1'))).token).toBeTruthy();
    // A success refunds its attempt: a user signing in often from one office is never throttled.
    for (let k = 0; k < 8; k++) expect((await attempt(h.url, 'analyst', DEMO_PASSWORD, from('203.0.113.9'))).token).toBeTruthy();
  }, 120_000);

  it('ignores X-Forwarded-For without a trusted proxy: rotating it does not escape the address budget', async () => {
    const h = await hub({ LOGIN_MAX_FAILURES_PER_USER: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    for (let k = 0; k < 3; k++) await attempt(h.url, `nobody-${k}`, 'wrong-password', { 'x-forwarded-for': `198.51.100.${k}` });
    expectLimited(await attempt(h.url, 'agent', DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.200' }));
  });

  it('answers RATE_LIMITED at once when the password-hashing queue is full, and recovers', async () => {
    const h = await hub({ LOGIN_MAX_FAILURES_PER_USER: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    const burst = await Promise.all(Array.from({ length: 80 }, (_, k) => attempt(h.url, `anonymous-${k}`, 'wrong-password')));
    const limited = burst.filter((a) => a.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    limited.forEach(expectLimited);
    expect(burst.every((a) => a.code === 'RATE_LIMITED' || a.code === 'UNAUTHENTICATED')).toBe(true);
    expect((await attempt(h.url, 'agent', DEMO_PASSWORD)).token).toBeTruthy();
  }, 120_000);
});

const pgReady = await serviceAvailable('postgres', 'the sign-in throttle across hub processes');

describe.runIf(pgReady)('the sign-in throttle on PostgreSQL', () => {
  it('shares the counts between two hub processes on one database, and keeps no row past its window', async () => {
    const env = { LOGIN_MAX_FAILURES_PER_USER: '4', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' };
    const a = await hub(env, 'postgres');
    // A second hub process on the same database: its own store (pool) and app.
    const url = (a.store.read as unknown as { $client: pg.Pool }).$client.options.connectionString!;
    const storeB = await openPgStore(url);
    const appB = await createApp({ ...a.deps, store: storeB, org: new OrgDirectory(() => storeB.read) });
    hubs.push({ stop: async () => (await appB.stop(), await storeB.close()) });
    await new Promise<void>((resolve) => appB.server.listen(0, '127.0.0.1', resolve));
    const urlB = `http://127.0.0.1:${(appB.server.address() as AddressInfo).port}/graphql`;

    expect((await attempt(a.url, 'coordinator', 'wrong-1')).code).toBe('UNAUTHENTICATED');
    expect((await attempt(urlB, 'coordinator', 'wrong-2')).code).toBe('UNAUTHENTICATED');
    expect((await attempt(a.url, 'coordinator', 'wrong-3')).code).toBe('UNAUTHENTICATED');
    expect((await attempt(urlB, 'coordinator', 'wrong-4')).code).toBe('UNAUTHENTICATED');
    expectLimited(await attempt(urlB, 'coordinator', DEMO_PASSWORD));
    expectLimited(await attempt(a.url, 'coordinator', DEMO_PASSWORD));

    // An unknown username leaves only a counter that expires, keyed by a hash, never its text.
    await attempt(a.url, 'someone-unknown', 'wrong-password');
    const rows = await a.db.all<{ key: string; expire: number | null }>('SELECT key, expire FROM login_attempts');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.expire).not.toBeNull();
      expect(Number(r.expire)).toBeLessThanOrEqual(Date.now() + 900_000);
      expect(r.key).not.toContain('someone-unknown');
    }
  }, 120_000);
});
