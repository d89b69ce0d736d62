import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { openStore, type Store } from '../../../server/src/core/db.js';
import { loadDemo } from '../../../server/src/demo/demo.seed.js';
import { verifyPassword } from '../../../server/src/core/password.js';
import { openPgStore } from '../../../server/src/core/db.pg.js';
import { sql } from 'drizzle-orm';
import { exec, row, rows } from '../../../server/src/core/sql.js';
import { positional } from '../../utils/hub.js';
import { createTestDatabase, testDatabase } from '../../utils/services.js';

const NOW = new Date('2026-03-16T10:30:00+08:00');
const SMALL = { now: NOW, feedback: 3000, contacts: 5000, seed: 7 } as const;
const STATUSES = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING', 'RESOLVED', 'MERGED', 'DISMISSED'];
const STAGES = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING', 'RESOLVED'];

/** Stores opened by the tests, closed (and their databases removed) at the end. */
const opened: { store: Store; remove: () => Promise<void> }[] = [];

/** An empty store on the suite's database: a SQLite file, or a fresh PostgreSQL database. */
async function tempStore(): Promise<Store> {
  if (testDatabase() === 'postgres') {
    const pg = await createTestDatabase();
    const store = await openPgStore(pg.url);
    opened.push({ store, remove: pg.drop });
    return store;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-demo-'));
  const store = openStore(path.join(dir, 'hub.sqlite'));
  opened.push({ store, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) });
  return store;
}

/** Closes a store of tempStore() and removes its database. */
async function dispose(store: Store): Promise<void> {
  const i = opened.findIndex((o) => o.store === store);
  const [o] = opened.splice(i, 1);
  await store.close();
  await o?.remove();
}

afterAll(async () => {
  while (opened.length) await dispose(opened[0]!.store);
});

type Row = Record<string, unknown>;
/** Rows of a query with `?` placeholders, on either dialect. */
const all = (store: Store, text: string, ...params: unknown[]): Promise<Row[]> => rows<Row>(store.read, positional(text, params));
const one = async (store: Store, text: string, ...params: unknown[]): Promise<Row> => (await all(store, text, ...params))[0] ?? {};
const num = async (store: Store, text: string, ...params: unknown[]): Promise<number> =>
  Number(Object.values(await one(store, text, ...params))[0]);

/**
 * Foreign-key violations, as SQLite's `PRAGMA foreign_key_check` lists them; on PostgreSQL, every
 * foreign key of the schema checked row by row (a constraint loaded NOT VALID or with its triggers
 * disabled would let orphans in).
 */
async function foreignKeyViolations(store: Store): Promise<unknown[]> {
  if (store.dialect === 'sqlite') return store.raw.pragma('foreign_key_check') as unknown[];
  const keys = await all(
    store,
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
       (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
       (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refs
     FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
     WHERE c.contype = 'f' AND s.nspname = 'public'`,
  );
  expect(keys.length).toBeGreaterThan(0);
  const violations: unknown[] = [];
  for (const k of keys) {
    const [child, parent, cols, refs] = [k.child, k.parent, k.cols, k.refs].map(String) as [string, string, string, string];
    const notNull = cols
      .split(',')
      .map((c) => `ch.${c} IS NOT NULL`)
      .join(' AND ');
    const orphans = await num(
      store,
      `SELECT count(*) FROM ${child} ch WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${parent} pa WHERE (${refs
        .split(',')
        .map((c) => `pa.${c}`)
        .join(',')}) = (${cols
        .split(',')
        .map((c) => `ch.${c}`)
        .join(',')}))`,
    );
    if (orphans) violations.push({ constraint: k.name, table: child, orphans });
  }
  return violations;
}

// Independent validators of the personal data the texts are meant to carry.
function luhnValid(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let v = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}
function residentIdValid(id: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (w[i] ?? 0);
  return '10X98765432'[sum % 11] === id[17];
}

describe('demo data set', () => {
  let store: Store;
  let result: Awaited<ReturnType<typeof loadDemo>>;

  beforeAll(async () => {
    store = await tempStore();
    result = await loadDemo(store, SMALL);
  });

  it('loads and reports its counts', async () => {
    expect(result.loaded).toBe(true);
    expect(result.ms).toBeGreaterThan(0);
    expect(result.counts.feedback).toBe(await num(store, 'SELECT count(*) FROM feedback'));
    expect(result.counts.contacts).toBe(5000);
    expect(await num(store, 'SELECT count(*) FROM contact_records')).toBe(5000);
    expect(await num(store, 'SELECT count(*) FROM feedback')).toBeGreaterThanOrEqual(3000);
    expect(result.counts.problems).toBe(await num(store, 'SELECT count(*) FROM problems'));
    expect(result.counts.actions).toBe(await num(store, 'SELECT count(*) FROM actions'));
    expect(result.counts.events).toBe(await num(store, 'SELECT count(*) FROM hub_events'));
    expect(result.counts.users).toBe(await num(store, 'SELECT count(*) FROM users'));
    expect(result.counts.branches).toBe(await num(store, 'SELECT count(*) FROM branches'));
  });

  it('holds the fixed part of the contract', async () => {
    const branch = (code: string) => one(store, 'SELECT * FROM branches WHERE code = ?', code);
    const ho = await branch('HO');
    expect(ho).toMatchObject({ level: 'HEAD_OFFICE', name: '总行', parent_id: null, path: `/${String(ho.id)}/` });
    for (const [code, name] of [
      ['SH', '上海分行'],
      ['BJ', '北京分行'],
      ['GZ', '广州分行'],
    ] as const) {
      const b = await branch(code);
      expect(b).toMatchObject({ level: 'BRANCH', name, parent_id: ho.id, path: `/${String(ho.id)}/${String(b.id)}/` });
    }
    const sh = await branch('SH');
    const pd = await branch('SH-PD');
    expect(pd).toMatchObject({ level: 'SUB_BRANCH', name: '浦东支行', parent_id: sh.id, path: `${String(sh.path)}${String(pd.id)}/` });

    const depts = (await all(store, 'SELECT code FROM departments')).map((r) => r.code);
    expect(depts).toEqual(expect.arrayContaining(['CARD', 'RETAIL', 'OPS', 'IT']));
    const cats = (await all(store, 'SELECT code FROM categories')).map((r) => r.code);
    expect(cats).toEqual(expect.arrayContaining(['CREDIT_CARD', 'DEPOSIT', 'LOAN', 'WEALTH', 'E_BANKING', 'SERVICE']));

    const users = await all(
      store,
      `SELECT u.username, u.role, u.active, u.must_change_password, u.password_hash, b.code AS branch, d.code AS dept
       FROM users u LEFT JOIN branches b ON b.id = u.branch_id LEFT JOIN departments d ON d.id = u.department_id`,
    );
    const byName = new Map(users.map((u) => [u.username, u]));
    const expected: [string, string, string | null, string | null][] = [
      ['admin', 'ADMIN', null, null],
      ['agent', 'AGENT', null, null],
      ['analyst', 'ANALYST', null, null],
      ['coordinator', 'COORDINATOR', null, null],
      ['expert.card', 'EXPERT', null, 'CARD'],
      ['expert.it', 'EXPERT', null, 'IT'],
      ['bm.sh', 'BRANCH_MANAGER', 'SH', null],
      ['bm.bj', 'BRANCH_MANAGER', 'BJ', null],
    ];
    for (const [username, role, branchCode, deptCode] of expected) {
      const u = byName.get(username);
      expect(u, username).toMatchObject({ role, active: 1, must_change_password: 0 });
      if (branchCode) expect(u?.branch).toBe(branchCode);
      if (deptCode) expect(u?.dept).toBe(deptCode);
    }
    expect(await verifyPassword('hub-demo-2026', String(byName.get('agent')?.password_hash))).toBe(true);
    expect(users.every((u) => u.username === String(u.username).toLowerCase())).toBe(true);
  });

  it('has a believable organisation and staff', async () => {
    expect(await num(store, "SELECT count(*) FROM branches WHERE level = 'BRANCH'")).toBeGreaterThanOrEqual(12);
    const subs = await all(
      store,
      "SELECT b.id, (SELECT count(*) FROM branches s WHERE s.parent_id = b.id) AS n FROM branches b WHERE level = 'BRANCH'",
    );
    for (const s of subs) expect(Number(s.n)).toBeGreaterThanOrEqual(2);
    const outlets = await all(
      store,
      "SELECT b.id, (SELECT count(*) FROM branches s WHERE s.parent_id = b.id) AS n FROM branches b WHERE level = 'SUB_BRANCH'",
    );
    for (const o of outlets) expect(Number(o.n)).toBeGreaterThanOrEqual(1);
    for (const b of await all(store, 'SELECT code, path FROM branches')) {
      expect(String(b.code)).toMatch(/^[A-Z0-9][A-Z0-9_-]{0,31}$/);
      expect(String(b.path).endsWith('/')).toBe(true);
    }
    // Each child's path extends its parent's.
    expect(
      await num(store, "SELECT count(*) FROM branches c JOIN branches p ON p.id = c.parent_id WHERE c.path != p.path || c.id || '/'"),
    ).toBe(0);
    expect(await num(store, 'SELECT count(*) FROM users')).toBeGreaterThanOrEqual(40);
    // Every branch has its manager; every department its expert.
    expect(
      await num(
        store,
        "SELECT count(*) FROM branches b WHERE level = 'BRANCH' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.branch_id = b.id AND u.role = 'BRANCH_MANAGER')",
      ),
    ).toBe(0);
    expect(
      await num(
        store,
        "SELECT count(*) FROM departments d WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.department_id = d.id AND u.role = 'EXPERT')",
      ),
    ).toBe(0);
    expect(await num(store, 'SELECT count(*) FROM products')).toBeGreaterThanOrEqual(18);
  });

  it('is a sound database', async () => {
    // PostgreSQL has no integrity_check (its pages are checksummed and WAL-logged); its foreign keys are checked below.
    if (store.dialect === 'sqlite') expect(store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await foreignKeyViolations(store)).toEqual([]);
    // The search index follows the table: FTS5 on SQLite, pg_trgm's index on PostgreSQL.
    if (store.dialect === 'postgres') {
      const search = sql`SELECT count(*) AS n FROM feedback WHERE text ILIKE '%系统繁忙%'`;
      const viaIndex = await store.transaction(async (tx) => {
        // Only the index may answer: a sequential scan would find the text without it.
        await exec(tx, sql`SET LOCAL enable_seqscan = off`);
        const plan = await rows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN ${search}`);
        expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('feedback_text_trgm_idx');
        return (await row<{ n: number }>(tx, search))!.n;
      });
      expect(viaIndex).toBeGreaterThan(0);
    } else expect(await num(store, "SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH '系统繁忙'")).toBeGreaterThan(0);
  });

  it('spreads feedback over channels, kinds and six months', async () => {
    const channels = await all(store, 'SELECT channel, count(*) AS n FROM feedback GROUP BY channel');
    expect(channels.map((c) => c.channel).sort()).toEqual(['BRANCH', 'ONLINE', 'SELF_SERVICE', 'VIDEO', 'VOICE', 'WECHAT']);
    const total = await num(store, 'SELECT count(*) FROM feedback');
    const share = async (kind: string) => (await num(store, 'SELECT count(*) FROM feedback WHERE kind = ?', kind)) / total;
    expect(await share('PROBLEM')).toBeGreaterThan(0.5);
    expect(await share('PROBLEM')).toBeLessThan(0.7);
    expect(await share('PRAISE')).toBeGreaterThan(0.12);
    expect(await share('SUGGESTION')).toBeGreaterThan(0.12);
    const complaintShare =
      (await num(store, "SELECT count(*) FROM feedback WHERE kind = 'PROBLEM' AND complaint = 1")) /
      (await num(store, "SELECT count(*) FROM feedback WHERE kind = 'PROBLEM'"));
    expect(complaintShare).toBeGreaterThan(0.1);
    expect(complaintShare).toBeLessThan(0.25);
    expect(await num(store, "SELECT count(*) FROM feedback WHERE complaint = 1 AND kind != 'PROBLEM'")).toBe(0);
    const range = await one(store, 'SELECT min(received_at) AS lo, max(received_at) AS hi FROM feedback');
    expect(Number(range.hi)).toBeLessThanOrEqual(NOW.getTime());
    expect(Number(range.lo)).toBeGreaterThanOrEqual(NOW.getTime() - 190 * 86_400_000);
    expect(Number(range.lo)).toBeLessThan(NOW.getTime() - 150 * 86_400_000);
    // Only agents record; the demo agent has a good share, and some of today's.
    expect(await num(store, "SELECT count(*) FROM feedback f JOIN users u ON u.id = f.recorded_by WHERE u.role != 'AGENT'")).toBe(0);
    const agentShare =
      (await num(store, "SELECT count(*) FROM feedback f JOIN users u ON u.id = f.recorded_by WHERE u.username = 'agent'")) / total;
    expect(agentShare).toBeGreaterThan(0.12);
    const todayStart = new Date('2026-03-16T00:00:00+08:00').getTime();
    expect(
      await num(
        store,
        "SELECT count(*) FROM feedback f JOIN users u ON u.id = f.recorded_by WHERE u.username = 'agent' AND f.received_at >= ?",
        todayStart,
      ),
    ).toBeGreaterThanOrEqual(3);
    // Repeat customers.
    expect(
      await num(
        store,
        'SELECT count(*) FROM (SELECT customer_ref FROM feedback WHERE customer_ref IS NOT NULL GROUP BY customer_ref HAVING count(*) > 2) AS repeats',
      ),
    ).toBeGreaterThan(10);
    const notCustomerRef =
      store.dialect === 'postgres' ? "customer_ref !~ '^C[0-9]{8}$'" : "customer_ref NOT GLOB 'C[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'";
    expect(await num(store, `SELECT count(*) FROM feedback WHERE customer_ref IS NOT NULL AND ${notCustomerRef}`)).toBe(0);
    // Weekdays are busier than Sundays.
    const dow =
      store.dialect === 'postgres'
        ? "extract(dow FROM to_timestamp(received_at / 1000 + 8 * 3600) AT TIME ZONE 'UTC')::int::text"
        : "strftime('%w', received_at / 1000 + 8 * 3600, 'unixepoch')";
    const byDow = await all(store, `SELECT ${dow} AS dow, count(*) AS n FROM feedback GROUP BY dow`);
    const n = (dow: string) => Number(byDow.find((r) => r.dow === dow)?.n ?? 0);
    expect(n('1')).toBeGreaterThan(n('0') * 1.4);
  });

  it('carries valid personal data in about 5% of texts', async () => {
    const texts = (await all(store, 'SELECT text FROM feedback')).map((r) => String(r.text));
    let mobiles = 0;
    let cards = 0;
    let ids = 0;
    let any = 0;
    for (const text of texts) {
      let found = false;
      for (const m of text.matchAll(/(?<!\d)(1[3-9]\d)[ ]?(\d{4})[ ]?(\d{4})(?![\d ])/g)) {
        if (m[0]) {
          mobiles++;
          found = true;
        }
      }
      for (const m of text.matchAll(/(?<![\d ])\d{4}(?: ?\d{4}){3}(?: ?\d{3})?(?![\dX ])/g)) {
        const d = m[0].replace(/ /g, '');
        if ((d.length === 16 || d.length === 19) && luhnValid(d)) {
          cards++;
          found = true;
        }
      }
      for (const m of text.matchAll(/(?<!\d)\d{17}[\dX](?!\d)/g)) {
        if (residentIdValid(m[0])) {
          ids++;
          found = true;
        }
      }
      if (found) any++;
    }
    expect(mobiles).toBeGreaterThan(0);
    expect(cards).toBeGreaterThan(0);
    expect(ids).toBeGreaterThan(0);
    expect(any / texts.length).toBeGreaterThan(0.03);
    expect(any / texts.length).toBeLessThan(0.08);
  });

  it('has realistic contact KPIs', async () => {
    const k = await one(
      store,
      `SELECT count(*) AS offered, sum(answered) AS answered,
         sum(CASE WHEN answered = 1 AND wait_seconds < 25 THEN 1 ELSE 0 END) AS within,
         sum(transferred) AS transferred, sum(work_order) AS work_orders, sum(complaint) AS complaints,
         count(satisfaction) AS rated, sum(CASE WHEN satisfaction >= 4 THEN 1 ELSE 0 END) AS satisfied,
         count(first_response_seconds) AS sessions, sum(CASE WHEN first_response_seconds <= 30 THEN 1 ELSE 0 END) AS responded
       FROM contact_records`,
    );
    const r = (a: string, b: string) => Number(k[a]) / Number(k[b]);
    expect(r('answered', 'offered')).toBeGreaterThan(0.88);
    expect(r('answered', 'offered')).toBeLessThan(0.96);
    expect(r('within', 'answered')).toBeGreaterThan(0.74);
    expect(r('within', 'answered')).toBeLessThan(0.86);
    expect(r('transferred', 'answered')).toBeGreaterThan(0.05);
    expect(r('transferred', 'answered')).toBeLessThan(0.11);
    expect(r('work_orders', 'answered')).toBeGreaterThan(0.09);
    expect(r('work_orders', 'answered')).toBeLessThan(0.15);
    expect(r('complaints', 'answered')).toBeGreaterThan(0.005);
    expect(r('complaints', 'answered')).toBeLessThan(0.03);
    expect(r('rated', 'answered')).toBeGreaterThan(0.55);
    expect(r('rated', 'answered')).toBeLessThan(0.65);
    expect(r('satisfied', 'rated')).toBeGreaterThan(0.75);
    expect(r('responded', 'sessions')).toBeGreaterThan(0.8);
    expect(
      await num(
        store,
        "SELECT count(*) FROM contact_records WHERE first_response_seconds IS NOT NULL AND channel NOT IN ('ONLINE','WECHAT','VIDEO')",
      ),
    ).toBe(0);
    expect(
      await num(store, 'SELECT count(*) FROM contact_records WHERE answered = 0 AND (satisfaction IS NOT NULL OR transferred = 1)'),
    ).toBe(0);
    // Same customer pool as the feedback.
    expect(
      await num(
        store,
        'SELECT count(*) FROM contact_records c WHERE EXISTS (SELECT 1 FROM feedback f WHERE f.customer_ref = c.customer_ref)',
      ),
    ).toBeGreaterThan(0);
    // Ids follow time.
    expect(
      await num(
        store,
        'SELECT count(*) FROM contact_records a JOIN contact_records b ON b.id = a.id + 1 WHERE b.offered_at < a.offered_at',
      ),
    ).toBe(0);
  });

  it('has at least 60 problems in every status, with unique codes', async () => {
    expect(await num(store, 'SELECT count(*) FROM problems')).toBeGreaterThanOrEqual(60);
    const statuses = (await all(store, 'SELECT DISTINCT status FROM problems')).map((r) => r.status);
    expect([...statuses].sort()).toEqual([...STATUSES].sort());
    for (const p of await all(store, 'SELECT code, created_at FROM problems')) {
      expect(String(p.code)).toMatch(/^VOC-\d{4}-\d{5}$/);
      expect(String(p.code).slice(4, 8)).toBe(String(new Date(Number(p.created_at)).getUTCFullYear()));
    }
    expect(await num(store, 'SELECT count(DISTINCT code) FROM problems')).toBe(await num(store, 'SELECT count(*) FROM problems'));
    expect(await num(store, 'SELECT count(*) FROM problems WHERE version < 1 OR updated_at < created_at')).toBe(0);
  });

  it('attaches 3–80 feedback of its own category to every problem that is not merged', async () => {
    const rows = await all(
      store,
      `SELECT p.id, p.status, p.category_id, (SELECT count(*) FROM feedback f WHERE f.problem_id = p.id) AS n,
         (SELECT count(*) FROM feedback f WHERE f.problem_id = p.id AND f.category_id != p.category_id) AS other,
         (SELECT count(*) FROM feedback f WHERE f.problem_id = p.id AND f.received_at > p.updated_at) AS late
       FROM problems p`,
    );
    for (const r of rows) {
      if (r.status === 'MERGED') {
        expect(Number(r.n)).toBe(0);
        continue;
      }
      expect(Number(r.n)).toBeGreaterThanOrEqual(3);
      expect(Number(r.n)).toBeLessThanOrEqual(80);
      expect(Number(r.other)).toBe(0);
      expect(Number(r.late)).toBe(0);
    }
    expect(
      await num(
        store,
        'SELECT count(*) FROM feedback f WHERE problem_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM problems p WHERE p.id = f.problem_id)',
      ),
    ).toBe(0);
  });

  it('keeps every problem consistent with the loop', async () => {
    const reached = (s: string) => STAGES.slice(STAGES.indexOf(s));
    const q = (text: string, ...params: unknown[]) => num(store, text, ...params);
    const inList = (list: string[]) => list.map((s) => `'${s}'`).join(',');

    // OPEN: nothing after the opening.
    expect(await q("SELECT count(*) FROM problems p JOIN diagnoses d ON d.problem_id = p.id WHERE p.status = 'OPEN'")).toBe(0);
    expect(await q("SELECT count(*) FROM problems WHERE status = 'OPEN' AND diagnosed_at IS NOT NULL")).toBe(0);
    // DIAGNOSED and later: a diagnosis with departments.
    const diagnosedOn = inList(reached('DIAGNOSED'));
    expect(
      await q(
        `SELECT count(*) FROM problems p WHERE status IN (${diagnosedOn}) AND NOT EXISTS (SELECT 1 FROM diagnoses d WHERE d.problem_id = p.id)`,
      ),
    ).toBe(0);
    expect(
      await q(
        `SELECT count(*) FROM problems p WHERE status IN (${diagnosedOn}) AND NOT EXISTS (SELECT 1 FROM diagnosis_departments d WHERE d.problem_id = p.id)`,
      ),
    ).toBe(0);
    expect(await q(`SELECT count(*) FROM problems p WHERE status IN (${diagnosedOn}) AND diagnosed_at IS NULL`)).toBe(0);
    // Not yet in consultation: no consultation.
    expect(
      await q("SELECT count(*) FROM problems p JOIN consultations c ON c.problem_id = p.id WHERE p.status IN ('OPEN','DIAGNOSED')"),
    ).toBe(0);
    // IN_CONSULTATION and later: a consultation with invited experts.
    const consultedOn = inList(reached('IN_CONSULTATION'));
    expect(
      await q(
        `SELECT count(*) FROM problems p WHERE status IN (${consultedOn}) AND NOT EXISTS (SELECT 1 FROM consultations c WHERE c.problem_id = p.id)`,
      ),
    ).toBe(0);
    expect(
      await q(
        `SELECT count(*) FROM problems p WHERE status IN (${consultedOn}) AND NOT EXISTS (SELECT 1 FROM consultation_experts c WHERE c.problem_id = p.id)`,
      ),
    ).toBe(0);
    expect(await q(`SELECT count(*) FROM problems WHERE status IN (${consultedOn}) AND consultation_at IS NULL`)).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p JOIN consultations c ON c.problem_id = p.id WHERE p.status = 'IN_CONSULTATION' AND c.issued_at IS NOT NULL",
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p JOIN actions a ON a.problem_id = p.id WHERE p.status NOT IN ('REMEDIATING','VERIFYING','RESOLVED')",
      ),
    ).toBe(0);
    // Opinions come from invited experts, with the expert's department.
    expect(
      await q(
        'SELECT count(*) FROM opinions o WHERE NOT EXISTS (SELECT 1 FROM consultation_experts e WHERE e.problem_id = o.problem_id AND e.expert_id = o.expert_id)',
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM opinions o JOIN users u ON u.id = o.expert_id WHERE u.role != 'EXPERT' OR u.department_id != o.department_id",
      ),
    ).toBe(0);
    // REMEDIATING and later: an opinion, a conclusion, at least one action.
    const remediatedOn = inList(reached('REMEDIATING'));
    expect(
      await q(
        `SELECT count(*) FROM problems p WHERE status IN (${remediatedOn}) AND NOT EXISTS (SELECT 1 FROM opinions o WHERE o.problem_id = p.id)`,
      ),
    ).toBe(0);
    expect(
      await q(
        `SELECT count(*) FROM problems p JOIN consultations c ON c.problem_id = p.id WHERE p.status IN (${remediatedOn})
         AND (c.root_cause IS NULL OR c.root_cause_detail IS NULL OR c.remediation_plan IS NULL OR c.outcome IS NULL OR c.issued_by IS NULL OR c.issued_at IS NULL)`,
      ),
    ).toBe(0);
    expect(
      await q(
        `SELECT count(*) FROM problems p WHERE status IN (${remediatedOn}) AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.problem_id = p.id)`,
      ),
    ).toBe(0);
    expect(await q(`SELECT count(*) FROM problems WHERE status IN (${remediatedOn}) AND remediating_at IS NULL`)).toBe(0);
    // REMEDIATING has work still open; VERIFYING and RESOLVED have all of it confirmed.
    expect(
      await q(
        "SELECT count(*) FROM problems p WHERE status = 'REMEDIATING' AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.problem_id = p.id AND a.status != 'CONFIRMED')",
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p JOIN actions a ON a.problem_id = p.id WHERE p.status IN ('VERIFYING','RESOLVED') AND a.status != 'CONFIRMED'",
      ),
    ).toBe(0);
    expect(await q("SELECT count(*) FROM actions WHERE (status = 'CONFIRMED') != (confirmed_at IS NOT NULL)")).toBe(0);
    expect(await q("SELECT count(*) FROM problems WHERE status IN ('VERIFYING','RESOLVED') AND verifying_at IS NULL")).toBe(0);
    expect(await q("SELECT count(*) FROM problems WHERE (status = 'RESOLVED') != (resolved_at IS NOT NULL)")).toBe(0);
    // Stages entered in order.
    expect(
      await q(`SELECT count(*) FROM problems WHERE diagnosed_at < created_at OR consultation_at < diagnosed_at OR remediating_at < consultation_at
         OR verifying_at < remediating_at OR resolved_at < verifying_at`),
    ).toBe(0);
    // MERGED: points to a live problem; DISMISSED: has its reason.
    expect(
      await q(
        "SELECT count(*) FROM problems p LEFT JOIN problems t ON t.id = p.merged_into_id WHERE p.status = 'MERGED' AND (t.id IS NULL OR t.status IN ('MERGED','DISMISSED'))",
      ),
    ).toBe(0);
    expect(await q("SELECT count(*) FROM problems WHERE (status = 'MERGED') != (merged_into_id IS NOT NULL)")).toBe(0);
    expect(await q("SELECT count(*) FROM problems WHERE status = 'DISMISSED' AND (dismiss_reason IS NULL OR dismiss_reason = '')")).toBe(0);
  });

  it('keeps the linkage table consistent', async () => {
    const q = (text: string) => num(store, text);
    expect(await q('SELECT count(*) FROM actions WHERE (branch_id IS NULL) = (department_id IS NULL)')).toBe(0);
    expect(await q('SELECT count(*) FROM actions WHERE version < 1 OR due_at <= created_at')).toBe(0);
    const statuses = (await all(store, 'SELECT DISTINCT status FROM actions')).map((r) => String(r.status));
    expect(statuses.sort()).toEqual(['ACCEPTED', 'ASSIGNED', 'CONFIRMED', 'IN_PROGRESS', 'RETURNED', 'SUBMITTED']);
    // Overdue (derived), returned, and every kind of extension decision.
    expect(
      await num(store, "SELECT count(*) FROM actions WHERE status != 'CONFIRMED' AND due_at < ?", NOW.getTime()),
    ).toBeGreaterThanOrEqual(1);
    expect(await q('SELECT count(*) FROM actions WHERE returned_count >= 1')).toBeGreaterThanOrEqual(1);
    for (const decision of ['PENDING', 'GRANTED', 'REFUSED']) {
      expect(await num(store, 'SELECT count(*) FROM extension_requests WHERE decision = ?', decision), decision).toBeGreaterThanOrEqual(1);
    }
    // A pending request is the action's latest, on work the branch still owes.
    expect(
      await q(`SELECT count(*) FROM extension_requests e JOIN actions a ON a.id = e.action_id WHERE e.decision = 'PENDING'
         AND (a.status IN ('SUBMITTED','CONFIRMED') OR EXISTS (SELECT 1 FROM extension_requests l WHERE l.action_id = e.action_id AND l.id > e.id))`),
    ).toBe(0);
    expect(
      await q('SELECT count(*) FROM extension_requests WHERE requested_due_at <= previous_due_at OR requested_due_at <= requested_at'),
    ).toBe(0);
    expect(
      await q(`SELECT count(*) FROM actions a JOIN extension_requests e ON e.action_id = a.id WHERE e.decision = 'GRANTED'
         AND e.id = (SELECT max(id) FROM extension_requests l WHERE l.action_id = a.id) AND a.due_at != e.requested_due_at`),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM actions a WHERE returned_count != (SELECT count(*) FROM action_updates u WHERE u.action_id = a.id AND u.status = 'RETURNED')",
      ),
    ).toBe(0);
    // Updates: by the branch's manager or the department's expert, or the coordinator for confirm/return.
    const updates = await all(
      store,
      `SELECT u.status, au.role, au.branch_id AS author_branch, au.department_id AS author_dept, a.branch_id, a.department_id, b.path
       FROM action_updates u JOIN users au ON au.id = u.author_id JOIN actions a ON a.id = u.action_id LEFT JOIN branches b ON b.id = a.branch_id`,
    );
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) {
      if (u.status === 'CONFIRMED' || u.status === 'RETURNED') expect(u.role).toBe('COORDINATOR');
      else if (u.branch_id) {
        expect(u.role).toBe('BRANCH_MANAGER');
        expect(String(u.path)).toContain(`/${String(u.author_branch)}/`);
      } else {
        expect(u.role).toBe('EXPERT');
        expect(u.author_dept).toBe(u.department_id);
      }
    }
    // The last update tells the action's status.
    expect(
      await q(
        `SELECT count(*) FROM actions a WHERE a.status != COALESCE((SELECT u.status FROM action_updates u WHERE u.action_id = a.id ORDER BY u.id DESC LIMIT 1), 'ASSIGNED')`,
      ),
    ).toBe(0);
  });

  it("holds the article's case: overdue card repayments → a 3-yuan SMS reminder product", async () => {
    const row = await one(
      store,
      `SELECT p.status, c.outcome, c.remediation_plan, (SELECT count(*) FROM feedback f WHERE f.problem_id = p.id) AS n
       FROM problems p JOIN consultations c ON c.problem_id = p.id JOIN categories k ON k.id = p.category_id
       WHERE c.outcome = 'PRODUCT_INNOVATION' AND k.code = 'CREDIT_CARD' AND c.remediation_plan LIKE ?`,
      '%每月3元的短信还款提醒产品，到期前发送三次还款提醒%',
    );
    expect(row.status).toBe('RESOLVED');
    expect(Number(row.n)).toBeGreaterThanOrEqual(30);
  });

  it('writes every step as an event, in time order', async () => {
    const events = await all(
      store,
      'SELECT seq, type, at, problem_id, action_id, actor_id, branch_id, from_status, to_status FROM hub_events ORDER BY seq',
    );
    expect(events.length).toBeGreaterThan(500);
    for (let i = 1; i < events.length; i++) expect(Number(events[i]!.at)).toBeGreaterThanOrEqual(Number(events[i - 1]!.at));
    expect(Number(events.at(-1)!.at)).toBeLessThanOrEqual(NOW.getTime());
    expect(events.every((e) => e.actor_id && e.problem_id)).toBe(true);
    expect(events.some((e) => e.type === 'FEEDBACK_RECORDED')).toBe(false);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'PROBLEM_OPENED',
      'DIAGNOSIS_SUBMITTED',
      'CONSULTATION_OPENED',
      'OPINION_SUBMITTED',
      'CONSULTATION_CONCLUDED',
      'ACTION_ASSIGNED',
      'ACTION_STATUS_CHANGED',
      'EXTENSION_REQUESTED',
      'EXTENSION_DECIDED',
      'VERIFICATION_STARTED',
      'PROBLEM_RESOLVED',
      'PROBLEM_MERGED',
      'PROBLEM_DISMISSED',
      'PROBLEM_REOPENED',
      'FEEDBACK_ATTACHED',
    ]) {
      expect(types.has(type), type).toBe(true);
    }
    const q = (text: string) => num(store, text);
    // One opening per problem, at its creation; the stage timestamps match their events.
    expect(
      await q(
        "SELECT count(*) FROM problems p WHERE (SELECT count(*) FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'PROBLEM_OPENED' AND e.at = p.created_at) != 1",
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p WHERE diagnosed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'DIAGNOSIS_SUBMITTED' AND e.at = p.diagnosed_at)",
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p WHERE consultation_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'CONSULTATION_OPENED' AND e.at = p.consultation_at)",
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p WHERE remediating_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'CONSULTATION_CONCLUDED' AND e.at = p.remediating_at)",
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p WHERE verifying_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'VERIFICATION_STARTED' AND e.at = p.verifying_at)",
      ),
    ).toBe(0);
    expect(
      await q(
        "SELECT count(*) FROM problems p WHERE resolved_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'PROBLEM_RESOLVED' AND e.at = p.resolved_at)",
      ),
    ).toBe(0);
    // The problem's last status event leads to its status.
    expect(
      await q(
        `SELECT count(*) FROM problems p WHERE p.status != (SELECT e.to_status FROM hub_events e WHERE e.problem_id = p.id AND e.action_id IS NULL AND e.to_status IS NOT NULL ORDER BY e.seq DESC LIMIT 1)`,
      ),
    ).toBe(0);
    // Every action is assigned once (with its branch) and its status events end at its status.
    expect(
      await q(
        "SELECT count(*) FROM actions a WHERE (SELECT count(*) FROM hub_events e WHERE e.action_id = a.id AND e.type = 'ACTION_ASSIGNED' AND e.branch_id IS NOT DISTINCT FROM a.branch_id) != 1",
      ),
    ).toBe(0);
    expect(
      await q(
        `SELECT count(*) FROM actions a WHERE a.status != (SELECT e.to_status FROM hub_events e WHERE e.action_id = a.id AND e.type IN ('ACTION_ASSIGNED','ACTION_STATUS_CHANGED') ORDER BY e.seq DESC LIMIT 1)`,
      ),
    ).toBe(0);
    // Versions count the changes: the problem's version is one more than its version-bumping events.
    const bumps = await all(
      store,
      `SELECT p.version, (SELECT count(*) FROM hub_events e WHERE e.problem_id = p.id AND e.action_id IS NULL AND e.type != 'PROBLEM_OPENED') AS n,
         (SELECT count(*) FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'ACTION_ASSIGNED' AND e.at > COALESCE(p.remediating_at, 0)) AS added
       FROM problems p`,
    );
    for (const b of bumps) expect(Number(b.version)).toBe(1 + Number(b.n) + Number(b.added));
    expect(
      await q(
        "SELECT count(*) FROM actions a WHERE a.version != 1 + (SELECT count(*) FROM hub_events e WHERE e.action_id = a.id AND e.type != 'ACTION_ASSIGNED')",
      ),
    ).toBe(0);
  });

  it('refuses to load into a database that has users', async () => {
    const before = await num(store, 'SELECT count(*) FROM feedback');
    const again = await loadDemo(store, SMALL);
    expect(again.loaded).toBe(false);
    expect(await num(store, 'SELECT count(*) FROM feedback')).toBe(before);
  });

  it('is deterministic for a seed and a now', async () => {
    const other = await tempStore();
    await loadDemo(other, SMALL);
    const digest = async (s: Store, text: string) =>
      createHash('sha256')
        .update(JSON.stringify(await all(s, text)))
        .digest('hex');
    for (const text of [
      'SELECT id FROM feedback ORDER BY id',
      'SELECT id, text, received_at, problem_id FROM feedback ORDER BY id',
      'SELECT * FROM problems ORDER BY id',
      'SELECT * FROM actions ORDER BY id',
      'SELECT * FROM hub_events ORDER BY seq',
      'SELECT * FROM contact_records ORDER BY id',
      'SELECT id, username FROM users ORDER BY id',
    ]) {
      expect(await digest(other, text), text).toBe(await digest(store, text));
    }
    const third = await tempStore();
    await loadDemo(third, { ...SMALL, seed: 8 });
    expect(await digest(third, 'SELECT id FROM feedback ORDER BY id')).not.toBe(await digest(store, 'SELECT id FROM feedback ORDER BY id'));
    await dispose(other);
    await dispose(third);
  });
});

describe('demo data set at its default size', () => {
  it('loads 30,000 feedback and 100,000 contacts', async () => {
    const store = await tempStore();
    const result = await loadDemo(store, { now: NOW });
    console.log(`demo load (default sizes): ${result.ms} ms`, result.counts);
    expect(result.loaded).toBe(true);
    expect(await num(store, 'SELECT count(*) FROM feedback')).toBeGreaterThanOrEqual(30_000);
    expect(await num(store, 'SELECT count(*) FROM contact_records')).toBeGreaterThanOrEqual(100_000);
    expect(await foreignKeyViolations(store)).toEqual([]);
    await dispose(store);
  }, 180_000);
});
