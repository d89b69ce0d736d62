import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { startHub, codeOf, collect, type TestHub, type GqlResult } from '../utils/hub.js';

/**
 * Hostile documents are refused on both transports before any resolver runs: HTTP goes through
 * Apollo, the WebSocket through graphql-ws, and each has to apply the same defence.
 */
let hub: TestHub;
let token = '';

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 100, contacts: 10 } });
  token = await hub.login('coordinator');
});
afterAll(async () => hub.stop());

const nest = (depth: number): string => (depth === 0 ? 'id' : `parent { ${nest(depth - 1)} }`);
const HOSTILE: Record<string, string> = {
  depth: `{ problems(first: 1) { edges { node { actions { branch { ${nest(8)} } } } } } }`,
  aliases: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: problems(first: 1) { totalCount }`).join(' ')} }`,
  directives: `{ problems(first: 1) { totalCount ${Array.from({ length: 11 }, (_, i) => `t${i}: totalCount @include(if: true)`)
    .slice(0, 11)
    .join(' ')} } }`,
  tokens: `{ problems(first: 1) { ${Array.from({ length: 1100 }, () => 'totalCount').join(' ')} } }`,
  characters: `{ problems(first: 1) { totalCount } } # ${'x'.repeat(15_001)}`,
  cost: `{ problems(first: 100) { edges { node { category { name } createdBy { username } diagnosis { author { username } } consultation { coordinator { username } } actions { branch { name } department { name } } mergedInto { id } } } } }`,
};

async function overWs(query: string): Promise<GqlResult> {
  const client = hub.ws(token);
  return new Promise((resolve) => {
    let settled = false;
    client.subscribe(
      { query },
      {
        next: (v) => {
          if (!settled) {
            settled = true;
            resolve(v as GqlResult);
          }
        },
        error: (e) => {
          if (!settled) {
            settled = true;
            resolve({ errors: Array.isArray(e) ? e : [{ message: String(e), extensions: {} }] } as GqlResult);
          }
        },
        complete: () => undefined,
      },
    );
  });
}

describe('query limits, on HTTP and WebSocket alike', () => {
  it.each(Object.keys(HOSTILE))('refuses a document over the %s limit with QUERY_TOO_COMPLEX before any resolver runs', async (name) => {
    const query = HOSTILE[name]!;
    // Every one of these documents starts with `problems`: a call of its service means a resolver ran.
    const services = hub.app.services;
    const original = services.problems.list.bind(services.problems);
    let calls = 0;
    services.problems.list = (...args) => {
      calls++;
      return original(...args);
    };
    const http = await hub.gql(token, query);
    expect(codeOf(http), JSON.stringify(http.errors)).toBe('QUERY_TOO_COMPLEX');
    expect(http.data ?? null).toBeNull();
    const ws = await overWs(query);
    expect(codeOf(ws), JSON.stringify(ws.errors)).toBe('QUERY_TOO_COMPLEX');
    services.problems.list = original;
    expect(calls).toBe(0);
    // The spy itself works: the same field in an acceptable document is resolved.
    services.problems.list = (...args) => {
      calls++;
      return original(...args);
    };
    await hub.gql(token, '{ problems(first: 1) { totalCount } }');
    services.problems.list = original;
    expect(calls).toBe(1);
  });

  it('accepts a document just inside every limit', async () => {
    const ok = await hub.gql(token, `{ problems(first: 10) { edges { node { category { name } actions { branch { name } } } } } }`);
    expect(ok.errors).toBeUndefined();
    const nine = await hub.gql(token, `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: me { id }`).join(' ')} }`);
    expect(nine.errors).toBeUndefined();
  });

  it('costs variables by their value', async () => {
    const query =
      'query($n: Int) { problems(first: $n) { edges { node { category { name } createdBy { username } diagnosis { author { username } } consultation { coordinator { username } } actions { branch { name } department { name } } mergedInto { id } } } } }';
    expect((await hub.gql(token, query, { n: 10 })).errors).toBeUndefined();
    expect(codeOf(await hub.gql(token, query, { n: 100 }))).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses JSON-array batches', async () => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    const body = (await res.json()) as GqlResult;
    expect(res.status).toBe(400);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
  });

  it('refuses login aliased or repeated in one document, trying no password', async () => {
    // More refusals than the username's budget of failures (10): had any been an attempt, the
    // correct sign-in after them would be RATE_LIMITED.
    for (let k = 0; k < 6; k++) {
      const aliased = await hub.gql(null, 'mutation { a: login(input: { username: "analyst", password: "guess-1" }) { token } }');
      expect(codeOf(aliased)).toBe('BAD_USER_INPUT');
      const twice = await hub.gql(
        null,
        'mutation { login(input: { username: "analyst", password: "guess-1" }) { token } login(input: { username: "analyst", password: "guess-2" }) { token } }',
      );
      expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    }
    expect(await hub.login('analyst')).toBeTruthy();
  });
});

describe('rate limiting', () => {
  it('answers RATE_LIMITED with the time to wait once a user spent the budget, on both transports', async () => {
    const small = await startHub({ demo: { feedback: 50, contacts: 10 }, env: { RATE_POINTS_PER_MINUTE: '40' } });
    try {
      const t = await small.login('analyst');
      const query = '{ problems(first: 5) { edges { node { category { name } } } } }'; // 5 × 2 = 10 points
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await small.gql(t, query));
      const limited = results.filter((r) => codeOf(r) === 'RATE_LIMITED');
      expect(limited.length).toBeGreaterThanOrEqual(2);
      expect(limited[0]!.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      const ws = collect(small.ws(t), 'subscription { hubEvents { type } }');
      await ws.until(() => ws.errors.length > 0);
      expect(JSON.stringify(ws.errors)).toContain('RATE_LIMITED');
      small.clock.advance(60_000);
      expect((await small.gql(t, query)).errors).toBeUndefined();
      const other = await small.login('coordinator');
      expect((await small.gql(other, '{ me { id } }')).errors).toBeUndefined();
    } finally {
      await small.stop();
    }
  });
});

describe('production hides the schema', () => {
  it('refuses introspection and drops suggestions on both transports', async () => {
    const prod = await startHub({ demo: { feedback: 50, contacts: 10 }, env: { NODE_ENV: 'production' } });
    try {
      const t = await prod.login('analyst');
      const intro = await prod.gql(t, '{ __schema { types { name } } }');
      expect(intro.errors?.length).toBeGreaterThan(0);
      expect(intro.data ?? null).toBeNull();
      const typo = await prod.gql(t, '{ problemz { totalCount } }');
      expect(codeOf(typo)).toBe('BAD_USER_INPUT');
      expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
      const client = prod.ws(t);
      const wsIntro = collect(client, 'subscription { __typename } ');
      await wsIntro.until(() => wsIntro.errors.length > 0 || wsIntro.items.length > 0);
      const wsTypo = collect(client, 'subscription { hubEvent { type } }');
      await wsTypo.until(() => wsTypo.errors.length > 0);
      expect(JSON.stringify(wsTypo.errors)).not.toMatch(/Did you mean/);
      const wsSchema = collect(client, 'query { __schema { types { name } } }');
      await wsSchema.until(() => wsSchema.errors.length > 0 || wsSchema.items.length > 0);
      expect(wsSchema.items).toHaveLength(0);
    } finally {
      await prod.stop();
    }
  });
});

describe('the WebSocket door', () => {
  const open = (headers: Record<string, string> = {}) =>
    new Promise<{ code: number; reason: string; rejected?: number }>((resolve) => {
      const ws = new WebSocket(hub.wsUrl, 'graphql-transport-ws', { headers });
      ws.on('unexpected-response', (_req, res) => resolve({ code: 0, reason: '', rejected: res.statusCode }));
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      ws.on('open', () => (ws as WebSocket & { onInit?: boolean }).emit('opened'));
      (ws as unknown as { once: (e: string, f: () => void) => void }).once('opened', () => {
        const init = headers['x-init'];
        if (init) ws.send(init);
      });
    });

  it('refuses a cross-site Origin at the upgrade', async () => {
    const r = await open({ Origin: 'https://evil.example' });
    expect(r.rejected).toBe(401);
  });

  it('closes a socket that sends no connection_init within 3 s', async () => {
    const r = await open();
    expect(r.code).toBe(4408);
  });

  it('closes with 4401 without a token and 4403 with a bad one', async () => {
    expect((await open({ 'x-init': JSON.stringify({ type: 'connection_init', payload: {} }) })).code).toBe(4401);
    expect((await open({ 'x-init': JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer nope' } }) })).code).toBe(
      4403,
    );
  });
});

describe('unexpected errors', () => {
  it('reach the client as INTERNAL_SERVER_ERROR with a correlation id and no detail', async () => {
    const services = hub.app.services;
    const original = services.problems.list.bind(services.problems);
    services.problems.list = () => {
      throw new Error('SQLITE_ERROR: no such column: secret_col near "SELECT * FROM problems" for 13812345678');
    };
    try {
      for (const r of [await hub.gql(token, '{ problems { totalCount } }')]) {
        expect(codeOf(r)).toBe('INTERNAL_SERVER_ERROR');
        const text = JSON.stringify(r);
        expect(text).not.toMatch(/SQLITE|SELECT|secret_col|13812345678|at .*\.ts/);
        expect(r.errors![0]!.extensions!.correlationId).toMatch(/[0-9a-f-]{36}/);
      }
    } finally {
      services.problems.list = original;
    }
  });
});
