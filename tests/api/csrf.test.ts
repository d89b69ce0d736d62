import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';

let hub: TestHub;
let token = '';
beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 20, contacts: 10 } });
  token = await hub.login('agent');
});
afterAll(async () => hub.stop());

describe('cross-site request forgery', () => {
  it('refuses a "simple" cross-site POST (text/plain, no preflight) before executing it', async () => {
    const before = await hub.db.get('SELECT count(*) AS n FROM feedback');
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation { recordFeedback(input: { kind: PRAISE, channel: VOICE, categoryId: "x", branchId: "y", text: "csrf" }) { id } }',
      }),
    });
    expect(res.status).toBe(400);
    expect(await hub.db.get('SELECT count(*) AS n FROM feedback')).toEqual(before);
  });

  it('refuses a GET query (GraphQL over HTTP is POST only: api/http-security.test.ts)', async () => {
    const res = await fetch(`${hub.url}?query=${encodeURIComponent('{ me { id } }')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(405);
  });

  it('accepts the JSON POST a real client sends', async () => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { me: { username: string } } }).data.me.username).toBe('agent');
  });
});
