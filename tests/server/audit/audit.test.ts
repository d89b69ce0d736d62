import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, type TestHub } from '../../utils/hub.js';
import { dbRefusal } from '../../utils/fixtures.js';
import { auditHash, firstBrokenLink, GENESIS_HASH, type AuditEntry } from '../../../server/src/audit/audit.rules.js';

let hub: TestHub;
const t: Record<string, string> = {};
let sh = '';
let category = '';

type Row = { seq: number; operation: string; outcome: string; actor_id: string | null; detail: string };
const rows = (): Promise<Row[]> => hub.db.all<Row>('SELECT seq, operation, outcome, actor_id, detail FROM audit_log ORDER BY seq');
const since = async (seq: number) => (await rows()).filter((r) => r.seq > seq);
const lastSeq = async () => (await rows()).at(-1)?.seq ?? 0;

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 100, contacts: 10 } });
  for (const u of ['agent', 'analyst', 'bm.sh']) t[u] = await hub.login(u);
  const org = await hub.gql(t.agent!, '{ branches { id code } categories { id } }');
  sh = org.data!.branches.find((b: { code: string }) => b.code === 'SH').id;
  category = org.data!.categories[0].id;
});
afterAll(async () => hub.stop());

const RECORD = 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }';

describe('audit trail', () => {
  it('records an accepted mutation in its own transaction, with masked input', async () => {
    const before = await lastSeq();
    const r = await hub.gql(t.agent!, RECORD, {
      i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: category, branchId: sh, text: '客户电话13812345678' },
    });
    expect(r.errors).toBeUndefined();
    const added = await since(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ operation: 'recordFeedback', outcome: 'OK' });
    expect(added[0]!.detail).not.toContain('13812345678');
  });

  it('records a refused attempt and nothing else', async () => {
    const before = await lastSeq();
    const r = await hub.gql(t['bm.sh']!, RECORD, {
      i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: category, branchId: sh, text: 'x' },
    });
    expect(codeOf(r)).toBe('FORBIDDEN');
    const added = await since(before);
    expect(added, JSON.stringify(added)).toHaveLength(1);
    expect(added[0]).toMatchObject({ operation: 'recordFeedback', outcome: 'REFUSED' });
    expect(added[0]!.detail).toContain('FORBIDDEN');
  });

  it('records sign-ins and failed sign-ins', async () => {
    const before = await lastSeq();
    await hub.login('agent');
    await hub.gql(null, 'mutation { login(input: { username: "agent", password: "wrong-password" }) { token } }');
    expect((await since(before)).map((r) => [r.operation, r.outcome])).toEqual([
      ['login', 'OK'],
      ['login', 'REFUSED'],
    ]);
  });

  it('records who saw personal data unmasked, and not masked views', async () => {
    const r = await hub.gql(t.agent!, RECORD, {
      i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: category, branchId: sh, text: '卡号6222021234567890128' },
    });
    const id = r.data!.recordFeedback.id;
    const q = 'query($id: ID!) { node(id: $id) { ... on Feedback { text } } }';
    let before = await lastSeq();
    await hub.gql(t.analyst!, q, { id });
    const seen = await since(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ outcome: 'VIEWED_PERSONAL_DATA' });
    expect(seen[0]!.detail).toContain(id);
    before = await lastSeq();
    await hub.gql(t['bm.sh']!, q, { id });
    expect(await since(before)).toHaveLength(0);
  });

  it('is refused UPDATE and DELETE by the database', async () => {
    // SQLite's triggers raise 'audit_log is append-only'; PostgreSQL's (0001_search_and_append_only.sql) the same.
    expect(await dbRefusal(hub.db.run("UPDATE audit_log SET detail = 'x' WHERE seq = 1"))).toMatch(/append-only/);
    expect(await dbRefusal(hub.db.run('DELETE FROM audit_log'))).toMatch(/append-only/);
    expect(await rows()).not.toHaveLength(0);
  });

  it('verifies the whole chain, and names the first altered row', async () => {
    const intact = await hub.app.services.audit.verify();
    expect(intact.firstBroken).toBeNull();
    expect(intact.rows).toBe((await rows()).length);
    const target = (await rows())[2]!.seq;
    // Someone with the database's own rights removes the guard and alters a row.
    await hub.db.run(
      hub.db.dialect === 'postgres' ? 'DROP TRIGGER audit_log_append_only ON audit_log' : 'DROP TRIGGER audit_log_no_update',
    );
    await hub.db.run('UPDATE audit_log SET detail = \'{"forged":true}\' WHERE seq = ?', target);
    expect((await hub.app.services.audit.verify()).firstBroken).toBe(target);
  });
});

describe('hash chain rules', () => {
  const entry = (seq: number, prevHash: string): AuditEntry => ({
    seq,
    at: 1000 + seq,
    requestId: 'r',
    actorId: 'u',
    operation: 'op',
    outcome: 'OK',
    detail: '{}',
    prevHash,
  });
  const chain = (n: number) => {
    const out: (AuditEntry & { hash: string })[] = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const e = entry(i, prev);
      const hash = auditHash(e);
      out.push({ ...e, hash });
      prev = hash;
    }
    return out;
  };
  it('accepts an intact chain', () => expect(firstBrokenLink(chain(5))).toBeNull());
  it.each([
    ['a changed field', (c: ReturnType<typeof chain>) => (c[2]!.detail = 'x'), 3],
    ['a removed row', (c: ReturnType<typeof chain>) => c.splice(1, 1), 3],
    ['a swapped pair', (c: ReturnType<typeof chain>) => ([c[1], c[2]] = [c[2]!, c[1]!]), 3],
    ['a forged first row', (c: ReturnType<typeof chain>) => (c[0]!.prevHash = 'f'.repeat(64)), 1],
  ])('finds %s', (_name, tamper, expected) => {
    const c = chain(5);
    tamper(c);
    expect(firstBrokenLink(c)).toBe(expected);
  });
});
