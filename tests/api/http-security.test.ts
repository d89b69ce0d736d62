import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startHub, tempDir, type TestHub } from '../utils/hub.js';
import { loadEnv } from '../../server/src/core/env.js';

/**
 * The HTTP surface (issue 24 items 11, 12, 15): /graphql answers POST only; /metrics asks for its
 * token (and is off in production without one); the web app, the explorer and the printable page
 * carry a Content-Security-Policy that loads nothing from elsewhere and forbids framing.
 */
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

let dev: TestHub;
let prod: TestHub;
let prodWithToken: TestHub;
let webDist: string;
const at = (hub: TestHub, p: string) => hub.url.replace(/\/graphql$/, p);

beforeAll(async () => {
  // The headers do not depend on the pages' content: a stand-in build.
  webDist = tempDir();
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>VOC Hub</title><div id="root"></div>');
  fs.writeFileSync(path.join(webDist, 'explorer.html'), '<!doctype html><title>API explorer</title><div id="explorer"></div>');
  const demo = { feedback: 20, contacts: 10 };
  [dev, prod, prodWithToken] = await Promise.all([
    startHub({ demo, env: { WEB_DIST: webDist, METRICS_TOKEN } }),
    startHub({ demo, env: { WEB_DIST: webDist, NODE_ENV: 'production' } }),
    startHub({ demo, env: { WEB_DIST: webDist, NODE_ENV: 'production', METRICS_TOKEN } }),
  ]);
});
afterAll(async () => {
  await Promise.all([dev?.stop(), prod?.stop(), prodWithToken?.stop()]);
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('/graphql answers POST only', () => {
  const query = encodeURIComponent('{ me { username } }');

  it.each([
    ['apollo-require-preflight', { 'apollo-require-preflight': 'true' }],
    ['content-type: application/json', { 'content-type': 'application/json' }],
    ['x-apollo-operation-name', { 'x-apollo-operation-name': 'Me' }],
  ])('refuses a GET query sent with %s: 405, Allow: POST, nothing run', async (_name, headers) => {
    const token = await dev.login('agent');
    for (const hub of [dev, prod]) {
      const res = await fetch(`${hub.url}?query=${query}`, {
        headers: { ...headers, accept: 'application/json', authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      const body = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a GET mutation and writes nothing', async () => {
    const token = await dev.login('admin');
    const before = await dev.db.get('SELECT count(*) AS n FROM categories');
    const mutation = encodeURIComponent('mutation { createCategory(input: { code: "GETX", name: "经由GET" }) { id } }');
    const res = await fetch(`${dev.url}?query=${mutation}`, {
      headers: { 'apollo-require-preflight': 'true', 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(405);
    expect(await dev.db.get('SELECT count(*) AS n FROM categories')).toEqual(before);
  });

  it.each(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])('refuses %s with 405 and Allow: POST', async (method) => {
    const res = await fetch(dev.url, { method, headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('still answers the POST a client sends', async () => {
    const token = await dev.login('agent');
    expect((await dev.gql(token, '{ me { username } }')).data).toEqual({ me: { username: 'agent' } });
  });
});

describe('/metrics is protected', () => {
  const metrics = (hub: TestHub, authorization?: string) => fetch(at(hub, '/metrics'), { headers: authorization ? { authorization } : {} });

  it('asks for METRICS_TOKEN as a bearer token when one is set', async () => {
    for (const hub of [dev, prodWithToken]) {
      const none = await metrics(hub);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.text()).not.toContain('hub_');
      expect((await metrics(hub, `Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
      expect((await metrics(hub, `Bearer ${METRICS_TOKEN.slice(0, -1)}`)).status).toBe(401);
      expect((await metrics(hub, METRICS_TOKEN)).status).toBe(401);
      // A user's sign-in is not the metrics token.
      expect((await metrics(hub, `Bearer ${await hub.login('admin')}`)).status).toBe(401);
      const ok = await metrics(hub, `Bearer ${METRICS_TOKEN}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('hub_http_requests_total');
    }
  });

  it('is refused (403) in production when no token is configured, whatever is sent', async () => {
    for (const authorization of [undefined, `Bearer ${METRICS_TOKEN}`, 'Bearer ']) {
      const res = await metrics(prod, authorization);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('hub_');
    }
  });

  it('refuses a token shorter than 16 characters at start, without printing it', () => {
    expect(() => loadEnv({ METRICS_TOKEN: 'short-secret' } as NodeJS.ProcessEnv)).toThrow(/METRICS_TOKEN: must be at least 16/);
    try {
      loadEnv({ METRICS_TOKEN: 'short-secret' } as NodeJS.ProcessEnv);
    } catch (err) {
      expect(String(err)).not.toContain('short-secret');
    }
  });
});

/** A Content-Security-Policy as directive → sources. */
function policyOf(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Loads nothing from elsewhere, runs no inline script, and may not be framed. */
function expectStrict(res: Response, what: string): Map<string, string[]> {
  const policy = policyOf(res);
  for (const [name, sources] of policy) {
    for (const s of sources) expect(s, `${what}: ${name} ${s}`).not.toMatch(/^(https?:|wss?:|\*|'unsafe-eval'|'unsafe-hashes')/);
  }
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
  const scripts = policy.get('script-src') ?? policy.get('default-src')!;
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  return policy;
}

describe('security headers on the pages', () => {
  it('the web app at / and its routes: same-origin only, scripts from its files, no framing', async () => {
    for (const hub of [dev, prod])
      for (const p of ['/', '/reports/voc', '/problems/abc']) {
        const res = await fetch(at(hub, p), { headers: { accept: 'text/html' } });
        expect(res.status, p).toBe(200);
        const policy = expectStrict(res, p);
        expect(policy.get('default-src')).toEqual(["'self'"]);
        expect(policy.get('script-src')).toEqual(["'self'"]);
        // The live feed's WebSocket to the same host is 'self' (CSP Level 3); nothing else.
        expect(policy.get('connect-src')).toEqual(["'self'"]);
        expect(policy.get('object-src')).toEqual(["'none'"]);
      }
  });

  it('the API explorer (outside production): its own policy for GraphiQL, same origin, no framing', async () => {
    for (const p of ['/explorer', '/graphql']) {
      const res = await fetch(at(dev, p), { headers: { accept: 'text/html' } });
      expect(res.status, p).toBe(200);
      expect(await res.text()).toContain('API explorer');
      const policy = expectStrict(res, p);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('worker-src')).toEqual(["'self'"]);
    }
  });

  it('the printable report: no script, nothing fetched, no framing', async () => {
    const token = await dev.login('coordinator');
    const res = await fetch(at(dev, '/reports/voc/2026-10/print'), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const policy = expectStrict(res, 'print');
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
  });

  it('API answers carry the headers too', async () => {
    const res = await fetch(at(dev, '/healthz'));
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
