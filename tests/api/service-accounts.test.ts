import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { startHub, codeOf, TestClock, tempDir, type GqlResult, type TestHub } from '../utils/hub.js';
import { spawnHub, type ProcessHub } from '../utils/process-hub.js';
import { createTestDatabase } from '../utils/services.js';

// Service accounts (issue 19): an integration's scoped token records feedback and imports a file
// over real HTTP, is refused outside its scopes with the contract's code, is refused after
// revocation (on another process too), every use is audited, and the token is kept nowhere.

const CREATE = `mutation($i: CreateServiceAccountInput!) {
  createServiceAccount(input: $i) { token serviceAccount { id name scopes tokenHint lastUsedAt revokedAt } } }`;
const REVOKE = `mutation($i: RevokeServiceAccountInput!) { revokeServiceAccount(input: $i) { id revokedAt } }`;
const LIST = `{ serviceAccounts { id name scopes tokenHint lastUsedAt revokedAt } }`;
const RECORD = `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id recordedBy { username } } }`;
const CSV =
  'kind,channel,category,branch,receivedAt,text\r\nPROBLEM,VOICE,DEPOSIT,BJ,2026-03-30 10:00,存款证明开具慢（来自呼叫中心接口）\r\n';

const ok = <T = Record<string, any>>(r: GqlResult<T>): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};

async function post(url: string, token: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as GqlResult };
}

describe('service accounts', () => {
  let hub: TestHub;
  let admin: string;
  let base: string;
  const id: Record<string, string> = {};

  const importCsv = (token: string) =>
    fetch(`${base}/imports/feedback?wait=1&fileName=callcenter.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: CSV,
    });

  beforeAll(async () => {
    hub = await startHub({ clock: new TestClock(Date.parse('2026-04-01T01:00:00Z')), demo: { feedback: 0, contacts: 0 } });
    base = hub.url.replace(/\/graphql$/, '');
    admin = await hub.login('admin');
    const org = ok(await hub.gql(admin, '{ branches { id code } categories { id code } }'));
    for (const b of org.branches) id[b.code] = b.id;
    for (const c of org.categories) id[c.code] = c.id;
  });
  afterAll(() => hub.stop());

  it('only an administrator creates one; the token is answered once and kept only as its hash', async () => {
    const agent = await hub.login('agent');
    expect(codeOf(await hub.gql(agent, CREATE, { i: { name: 'nope', scopes: ['IMPORT'] } }))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(agent, LIST))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(admin, CREATE, { i: { name: 'x', scopes: ['IMPORT'] } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(admin, CREATE, { i: { name: 'no-scopes', scopes: [] } }))).toBe('BAD_USER_INPUT');

    const made = ok(await hub.gql(admin, CREATE, { i: { name: 'hold', scopes: ['READ_REPORTS'] } })).createServiceAccount;
    expect(made.token).toMatch(/^hsa_[A-Za-z0-9_-]{43}$/);
    expect(made.serviceAccount.tokenHint).toBe(`${made.token.slice(0, 8)}…`);
    expect(codeOf(await hub.gql(admin, CREATE, { i: { name: 'hold', scopes: ['IMPORT'] } }))).toBe('BAD_USER_INPUT');
    const row = await hub.db.get<{ token_hash: string }>('SELECT token_hash FROM service_accounts WHERE name = ?', 'hold');
    expect(row!.token_hash).toBe(createHash('sha256').update(made.token).digest('hex'));
    // The list never shows it again.
    const listed = ok(await hub.gql(admin, LIST)).serviceAccounts;
    expect(JSON.stringify(listed)).not.toContain(made.token);
    expect(listed.map((a: { name: string }) => a.name)).toContain('hold');
    // Its backing user cannot sign in with a password.
    const login = await hub.gql(null, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
      i: { username: 'svc.hold', password: made.token },
    });
    expect(codeOf(login)).toBe('UNAUTHENTICATED');
  });

  describe('a call-center account (RECORD_FEEDBACK, IMPORT)', () => {
    let token: string;
    let accountId: string;
    beforeAll(async () => {
      const made = ok(
        await hub.gql(admin, CREATE, { i: { name: 'callcenter', description: '呼叫中心', scopes: ['RECORD_FEEDBACK', 'IMPORT'] } }),
      ).createServiceAccount;
      token = made.token;
      accountId = made.serviceAccount.id;
      expect(made.serviceAccount.scopes).toEqual(['RECORD_FEEDBACK', 'IMPORT']);
    });

    it('records feedback over HTTP, as its backing user, and notes when it was last used', async () => {
      const r = ok(
        await hub.gql(token, RECORD, {
          i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: id.CREDIT_CARD, branchId: id.BJ, text: '信用卡额度调整慢（接口）' },
        }),
      );
      expect(r.recordFeedback.recordedBy.username).toBe('svc.callcenter');
      // Reference lists come with the scope.
      expect(ok(await hub.gql(token, '{ categories { code } }')).categories.length).toBeGreaterThan(0);
      let lastUsed: string | null = null;
      for (let i = 0; i < 100 && !lastUsed; i++) {
        lastUsed = ok(await hub.gql(admin, LIST)).serviceAccounts.find((a: { id: string }) => a.id === accountId).lastUsedAt;
        if (!lastUsed) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(lastUsed).toBe(hub.clock.now().toISOString());
    });

    it('imports a file over the upload route', async () => {
      const res = await importCsv(token);
      const report = (await res.json()) as { status: string; inserted: number };
      expect(res.status, JSON.stringify(report)).toBe(200);
      expect(report).toMatchObject({ status: 'DONE', inserted: 1 });
    });

    it('is refused outside its scopes with FORBIDDEN, whatever its backing role may do', async () => {
      const problems = await post(hub.url, token, { query: '{ problems(first: 1) { totalCount } }' });
      expect(problems.status).toBe(403);
      expect(codeOf(problems.body)).toBe('FORBIDDEN');
      expect(problems.body.data ?? null).toBeNull();
      const contacts = await hub.gql(token, 'mutation($i: RecordContactsInput!) { recordContacts(input: $i) }', {
        i: { records: [] },
      });
      expect(codeOf(contacts)).toBe('FORBIDDEN');
      expect(codeOf(await hub.gql(token, CREATE, { i: { name: 'escalate', scopes: ['READ_REPORTS'] } }))).toBe('FORBIDDEN');
      // Mixed with an allowed field, the whole operation is refused.
      expect(codeOf(await hub.gql(token, '{ categories { code } users { username } }'))).toBe('FORBIDDEN');
      // Routes outside its scopes: the report download.
      const exported = await fetch(`${base}/exports/voc/2026-03.csv`, { headers: { authorization: `Bearer ${token}` } });
      expect(exported.status).toBe(403);
      expect(((await exported.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    });

    it('audits every use, queries and refusals included, and keeps the token out of the trail', async () => {
      const user = await hub.db.get<{ id: string }>('SELECT id FROM users WHERE username = ?', 'svc.callcenter');
      const read = async () =>
        (
          await hub.db.all<{ operation: string; outcome: string }>(
            'SELECT operation, outcome FROM audit_log WHERE actor_id = ? ORDER BY seq',
            user!.id,
          )
        ).map((r) => `${r.operation} ${r.outcome}`);
      // A route's row is written once its answer has gone out: read until the upload's is there.
      let seen = await read();
      for (let i = 0; i < 200 && !seen.includes('POST /imports/feedback OK'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = await read();
      }
      expect(seen).toContain('recordFeedback OK');
      expect(seen).toContain('categories OK');
      expect(seen).toContain('POST /imports/feedback OK');
      expect(seen).toContain('problems REFUSED');
      expect(seen).toContain('recordContacts REFUSED');
      expect(seen).toContain('GET /exports/voc/2026-03.csv REFUSED');
      // The token appears nowhere in the database: not in the trail, not in any table.
      const everything =
        JSON.stringify(await hub.db.all('SELECT * FROM audit_log')) + JSON.stringify(await hub.db.all('SELECT * FROM service_accounts'));
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.slice(8));
    });

    it('is refused at its next call once revoked, over GraphQL and the upload route', async () => {
      const revoked = ok(await hub.gql(admin, REVOKE, { i: { id: accountId } })).revokeServiceAccount;
      expect(revoked.revokedAt).toBeTruthy();
      expect(codeOf(await hub.gql(token, '{ categories { code } }'))).toBe('UNAUTHENTICATED');
      const res = await importCsv(token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      // Revoking twice changes nothing.
      expect(ok(await hub.gql(admin, REVOKE, { i: { id: accountId } })).revokeServiceAccount.revokedAt).toBe(revoked.revokedAt);
    });
  });

  it('a reports account reads the dashboard and downloads the monthly report, and records nothing', async () => {
    const { token } = ok(await hub.gql(admin, CREATE, { i: { name: 'reports', scopes: ['READ_REPORTS'] } })).createServiceAccount;
    ok(await hub.gql(token, '{ dashboard { __typename } }'));
    const res = await fetch(`${base}/exports/voc/2026-03.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(
      codeOf(
        await hub.gql(token, RECORD, { i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: id.CREDIT_CARD, branchId: id.BJ, text: 'x' } }),
      ),
    ).toBe('FORBIDDEN');
    expect((await importCsv(token)).status).toBe(403);
  });
});

describe('service accounts across processes', () => {
  let a: ProcessHub;
  let b: ProcessHub;
  let db: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, DATA_DIR: tempDir('voc-hub-sva-'), HUB_DEMO: '1', DEMO_FEEDBACK: '0', DEMO_CONTACTS: '0' };
    a = await spawnHub('sva-a', env, { startMs: 90_000 });
    b = await spawnHub('sva-b', { ...env, HUB_DEMO: '0', DATA_DIR: tempDir('voc-hub-sva-') }, { startMs: 90_000 });
  }, 180_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await db?.drop();
  });

  it('a token revoked on one process is refused by the other at its next call; no log line holds it', { timeout: 60_000 }, async () => {
    const admin = await a.login('admin');
    const { token, serviceAccount } = ok(
      await a.gql(admin, CREATE, { i: { name: 'callcenter', scopes: ['RECORD_FEEDBACK'] } }),
    ).createServiceAccount;
    expect(ok(await b.gql(token, '{ me { username } }')).me.username).toBe('svc.callcenter');
    ok(await a.gql(admin, REVOKE, { i: { id: serviceAccount.id } }));
    expect(codeOf(await b.gql(token, '{ me { username } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await a.gql(token, '{ me { username } }'))).toBe('UNAUTHENTICATED');
    // Both processes logged these requests (JSON lines), and neither wrote the token.
    expect(a.output).toContain('"msg":"request"');
    expect(b.output).toContain('"msg":"request"');
    expect(a.output).not.toContain(token);
    expect(b.output).not.toContain(token);
  });
});

describe('service accounts are rate-limited as users are', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ demo: { feedback: 0, contacts: 0 }, env: { RATE_POINTS_PER_MINUTE: '30' } });
  });
  afterAll(() => hub.stop());

  it('past its budget a token answers RATE_LIMITED (429, Retry-After), and another account is not charged for it', async () => {
    const admin = await hub.login('admin');
    const make = async (name: string) =>
      ok(await hub.gql(admin, CREATE, { i: { name, scopes: ['RECORD_FEEDBACK'] } })).createServiceAccount.token as string;
    const busy = await make('busy');
    const quiet = await make('quiet');
    let refused: Response | undefined;
    for (let i = 0; i < 100 && !refused; i++) {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${busy}` },
        body: JSON.stringify({ query: '{ categories { code } }' }),
      });
      if (res.status === 429) refused = res;
    }
    expect(refused, 'the budget was never exhausted').toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused!.json()) as GqlResult).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(ok(await hub.gql(quiet, '{ categories { code } }')).categories.length).toBeGreaterThan(0);
  });
});
