import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { tempDir } from '../utils/temp.js';
import { spawnHub, type ProcessHub } from '../utils/process-hub.js';
import { serviceAvailable, createTestDatabase } from '../utils/services.js';
import { firstBrokenLink, type AuditEntry } from '../../server/src/audit/audit.rules.js';

/**
 * kill -9 of the process that owns the database, at random moments while recordFeedback,
 * recordContacts and a file import are in flight, 30 times, on SQLite and on PostgreSQL. The hub is
 * the built server run as `node main.js` (utils/process-hub.ts), leader of its own process group;
 * each kill goes to the group and is proven (pid gone, group gone, port refusing) before the next
 * start. After each restart: every acknowledged write is there, no batch is half-written, the file
 * passes SQLite's integrity check, the audit chain verifies and the event log has no gap.
 *
 * The event log on PostgreSQL: `seq` is an identity column, and a sequence value taken by a
 * transaction that the kill aborted is never given back. Such a gap is harmless by design (writes
 * are serialized, so cursor order is commit order and a reader never waits for an uncommitted
 * cursor: event/event.bus.redis.ts), and the test holds PostgreSQL to exactly that: every gap sits
 * right after the last event committed before a kill, never between two events of one round.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 30);
const SECRET = 'crash-test-secret-crash-test-secret-0123';
const CONTACT_BATCH = 100;
const IMPORT_ROWS = 40;
const IMPORT_BATCH = 10;
const BRANCHES = ['SH', 'BJ', 'GZ', 'SH-PD'];

type Kind = 'sqlite' | 'postgres';

/** Read-only access to the hub's database from the test process, on either store. */
interface Peek {
  all<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function peek(kind: Kind, where: string): Promise<Peek> {
  if (kind === 'sqlite') {
    const db = new Database(where, { readonly: true, fileMustExist: true });
    return { all: async <T>(sql: string) => db.prepare(sql).all() as T[], close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: where });
  await client.connect();
  return { all: async <T>(sql: string) => (await client.query(sql)).rows as T[], close: () => client.end() };
}

interface Acked {
  feedback: Set<string>;
  contactBatches: Set<string>;
  imports: Map<string, number>;
}

interface Figures {
  kills: number;
  checks: number;
  eventGaps: number;
}

async function gql(hub: ProcessHub, token: string | null, query: string, variables: unknown) {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

/** Everything that must hold after a restart; `boundaries` are the last event seqs seen before each kill. */
async function check(kind: Kind, where: string, acked: Acked, boundaries: number[], figures: Figures, final: boolean): Promise<number> {
  const db = await peek(kind, where);
  try {
    if (kind === 'sqlite') expect((await db.all<{ integrity_check: string }>('PRAGMA integrity_check'))[0]!.integrity_check).toBe('ok');

    const feedback = new Set((await db.all<{ id: string }>("SELECT id FROM feedback WHERE text LIKE '崩溃测试%'")).map((r) => r.id));
    expect(
      [...acked.feedback].filter((id) => !feedback.has(id)),
      'acknowledged feedback lost',
    ).toEqual([]);

    const batches = await db.all<{ batch: string; n: number | string }>(
      "SELECT customer_ref AS batch, count(*) AS n FROM contact_records WHERE customer_ref LIKE 'batch-%' GROUP BY customer_ref",
    );
    for (const b of batches) expect(Number(b.n), `contact batch ${b.batch} half-written`).toBe(CONTACT_BATCH);
    const storedBatches = new Set(batches.map((b) => b.batch));
    expect(
      [...acked.contactBatches].filter((b) => !storedBatches.has(b)),
      'acknowledged contact batches lost',
    ).toEqual([]);

    const files = new Map(
      (
        await db.all<{ file: string; n: number | string }>(
          "SELECT customer_ref AS file, count(*) AS n FROM feedback WHERE customer_ref LIKE 'imp-%' GROUP BY customer_ref",
        )
      ).map((r) => [r.file, Number(r.n)]),
    );
    for (const [file, n] of files) expect(n % IMPORT_BATCH, `import ${file} has a half-written batch`).toBe(0);
    for (const [file, n] of acked.imports) expect(files.get(file), `acknowledged import ${file}`).toBe(n);

    const audit = (
      await db.all<AuditEntry & { hash: string }>(
        `SELECT seq, at, request_id AS "requestId", actor_id AS "actorId", operation, outcome, detail, prev_hash AS "prevHash", hash
         FROM audit_log ORDER BY seq`,
      )
    ).map((r) => ({ ...r, seq: Number(r.seq), at: Number(r.at) }));
    if (final) expect(audit.length, 'audit rows').toBeGreaterThan(0);
    expect(firstBrokenLink(audit), 'audit chain broken at seq').toBeNull();

    const gaps = (
      await db.all<{ seq: number | string; next: number | string }>(
        'SELECT seq, next FROM (SELECT seq, lead(seq) OVER (ORDER BY seq) AS next FROM hub_events) t WHERE next <> seq + 1',
      )
    ).map((g) => ({ after: Number(g.seq), next: Number(g.next) }));
    const bounds = (
      await db.all<{ first: number | string; last: number | string }>('SELECT min(seq) AS first, max(seq) AS last FROM hub_events')
    )[0]!;
    const first = Number(bounds.first);
    const last = Number(bounds.last);
    expect(first).toBe(1);
    if (kind === 'sqlite') expect(gaps, 'event log gaps').toEqual([]);
    else for (const g of gaps) expect(boundaries, `event gap after seq ${g.after} (to ${g.next}) is not at a kill`).toContain(g.after);
    figures.eventGaps = gaps.length;

    if (final) {
      // The log is complete too: every acknowledged feedback has its event.
      const missing = await db.all<{ id: string }>(
        `SELECT f.id FROM feedback f LEFT JOIN (SELECT DISTINCT feedback_id FROM hub_events WHERE type = 'FEEDBACK_RECORDED') e
         ON e.feedback_id = f.id WHERE e.feedback_id IS NULL AND f.text LIKE '崩溃测试%'`,
      );
      expect(missing, 'acknowledged feedback without its event').toEqual([]);
    }
    figures.checks++;
    return last;
  } finally {
    await db.close();
  }
}

async function crashRounds(kind: Kind): Promise<void> {
  const started = Date.now();
  const dir = tempDir('voc-hub-crash-');
  const pgDb = kind === 'postgres' ? await createTestDatabase() : null;
  const where = pgDb ? pgDb.url : path.join(dir, 'hub.sqlite');
  const env: Record<string, string> = {
    DATA_DIR: dir,
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    HUB_DEMO: '1',
    DEMO_FEEDBACK: '200',
    DEMO_CONTACTS: '100',
    LOG_LEVEL: 'silent',
    HUB_SECRET: SECRET,
    RATE_POINTS_PER_MINUTE: '10000000',
    IMPORT_BATCH_ROWS: String(IMPORT_BATCH),
    DEADLINE_SCAN_SECONDS: '0',
  };
  const acked: Acked = { feedback: new Set(), contactBatches: new Set(), imports: new Map() };
  const figures: Figures = { kills: 0, checks: 0, eventGaps: 0 };
  const boundaries: number[] = [];
  let tokens: { agent: string; analyst: string } | null = null;
  let ids: { branch: string; category: string } | null = null;
  let hub: ProcessHub | null = null;
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const t0 = Date.now();
      hub = await spawnHub(`crash-${kind}-${round}`, env, { quiet: true, startMs: 120_000 });
      const h = hub;
      const t1 = Date.now();
      // After the restart (the first start loads the demo): everything acknowledged so far holds.
      boundaries.push(await check(kind, where, acked, boundaries, figures, round === ROUNDS));
      const t2 = Date.now();
      if (process.env.CRASH_DEBUG) console.log(`round ${round}: start ${t1 - t0} ms, check ${t2 - t1} ms`);
      if (round === ROUNDS) break;
      if (!tokens) {
        const login = async (u: string) =>
          (
            await gql(h, null, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
              i: { username: u, password: 'hub-demo-2026' },
            })
          ).data.login.token as string;
        tokens = { agent: await login('agent'), analyst: await login('analyst') };
        const org = await gql(h, tokens.agent, '{ branches { id code } categories { id } }', {});
        ids = { branch: org.data.branches.find((b: { code: string }) => b.code === 'SH').id, category: org.data.categories[0].id };
      }
      const t = tokens;
      let stop = false;
      // Each round waits for one kind's first answer (in turn: feedback, contacts, import), so that
      // every kind gets acknowledged writes; the kill then comes at a random moment after it.
      const awaited = (['feedback', 'contacts', 'import'] as const)[round % 3];
      let answered!: () => void;
      const firstAck = new Promise<void>((resolve) => (answered = resolve));
      const acknowledged = (kind: typeof awaited) => kind === awaited && answered();
      const recorders = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await gql(h, t.agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
              i: {
                kind: 'PROBLEM',
                channel: 'VOICE',
                categoryId: ids!.category,
                branchId: ids!.branch,
                text: `崩溃测试 ${round}-${w}-${i}`,
                idempotencyKey: `k-${round}-${w}-${i}`,
              },
            });
            if (r.data?.recordFeedback?.id) {
              acked.feedback.add(r.data.recordFeedback.id);
              acknowledged('feedback');
            }
          } catch {
            return; // the hub is gone
          }
        }
      });
      const contacts = (async () => {
        for (let k = 0; !stop; k++) {
          const batch = `batch-${round}-${k}`;
          const records = Array.from({ length: CONTACT_BATCH }, (_, j) => ({
            channel: 'VOICE',
            offeredAt: new Date(Date.now() - 60_000 - j).toISOString(),
            answered: true,
            waitSeconds: j % 40,
            transferred: false,
            workOrder: false,
            complaint: false,
            customerRef: batch,
          }));
          try {
            const r = await gql(h, t.analyst, 'mutation($i: RecordContactsInput!) { recordContacts(input: $i) }', { i: { records } });
            if (r.data?.recordContacts === CONTACT_BATCH) {
              acked.contactBatches.add(batch);
              acknowledged('contacts');
            }
          } catch {
            return;
          }
        }
      })();
      const imports = (async () => {
        for (let k = 0; !stop; k++) {
          const file = `imp-${round}-${k}`;
          const lines = ['externalId,kind,channel,category,branch,receivedAt,text,customerRef'];
          for (let j = 0; j < IMPORT_ROWS; j++)
            lines.push(
              `${file}-${j},PROBLEM,VOICE,CREDIT_CARD,${BRANCHES[j % 4]},2026-02-${String(1 + (j % 27)).padStart(2, '0')} 10:00,崩溃导入 ${file} 第${j}条,${file}`,
            );
          try {
            const res = await fetch(`http://127.0.0.1:${h.port}/imports/feedback?wait=1&fileName=${file}.csv`, {
              method: 'POST',
              headers: { 'content-type': 'text/csv', authorization: `Bearer ${t.analyst}` },
              body: `${lines.join('\r\n')}\r\n`,
            });
            const report = (await res.json()) as { status?: string; inserted?: number };
            if (res.status === 200 && report.status === 'DONE') {
              acked.imports.set(file, report.inserted!);
              acknowledged('import');
            }
          } catch {
            return;
          }
        }
      })();
      await Promise.race([firstAck, new Promise((r) => setTimeout(r, 30_000))]);
      await new Promise((r) => setTimeout(r, Math.random() * 1_000));
      const t3 = Date.now();
      await h.kill(); // SIGKILL to the hub's process group, then pid, group and port proven gone
      if (process.env.CRASH_DEBUG)
        console.log(
          `kill+proveGone ${Date.now() - t3} ms; acked ${acked.feedback.size}/${acked.contactBatches.size}/${acked.imports.size}`,
        );
      stop = true;
      figures.kills++;
      hub = null;
      await Promise.all([...recorders, contacts, imports]);
    }
    await hub!.stop();
    hub = null;
    const importedRows = [...acked.imports.values()].reduce((a, b) => a + b, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `crash test (${kind}): ${figures.kills} kill -9s of the hub process, ${figures.checks} restarts checked; acknowledged and present: ` +
        `${acked.feedback.size} recordFeedback, ${acked.contactBatches.size} recordContacts batches (${acked.contactBatches.size * CONTACT_BATCH} records), ` +
        `${acked.imports.size} imports (${importedRows} rows); event-log seq gaps: ${figures.eventGaps}${kind === 'postgres' ? ' (all at kills)' : ''}; ${seconds} s`,
    );
    expect(figures.kills).toBe(ROUNDS);
    expect(acked.feedback.size).toBeGreaterThan(ROUNDS);
    expect(acked.contactBatches.size).toBeGreaterThan(0);
    expect(acked.imports.size).toBeGreaterThan(0);
  } finally {
    if (hub) await hub.kill();
    await pgDb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${ROUNDS} kill -9s of the hub on SQLite`, { timeout: 600_000 }, () => crashRounds('sqlite'));

  it(`keeps every acknowledged write through ${ROUNDS} kill -9s of the hub on PostgreSQL`, { timeout: 600_000 }, async (ctx) => {
    if (!(await serviceAvailable('postgres', 'crash safety on PostgreSQL'))) return ctx.skip();
    await crashRounds('postgres');
  });
});
