/**
 * Scale-out: two hub processes on one PostgreSQL database, events carried by Redis. Each process is
 * the real start command (server/src/main.ts) in its own OS process, reached over HTTP and WebSocket.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import fs from 'node:fs';
import { collect, tempDir, type TestHub } from '../utils/hub.js';
import { spawnHub, type ProcessHub } from '../utils/process-hub.js';
import { serviceAvailable, createTestDatabase, REDIS_URL } from '../utils/services.js';
import { demoIds, recordFeedback, listening, problemInConsultation, conclude, ok, type DemoIds } from '../utils/fixtures.js';
import { stormText } from '../utils/storm.js';
import { PNG, multipart } from '../utils/evidence-files.js';

const SUITE = 'scale-out: two hub processes on PostgreSQL + Redis';
const ready = (await serviceAvailable('postgres', SUITE)) && (await serviceAvailable('redis', SUITE));

interface Ev {
  cursor: string;
  type: string;
  feedbackId: string | null;
  action: { id: string } | null;
}
type Msg = { hubEvents: Ev };
const EVENTS = `subscription($after: String) { hubEvents(after: $after) { cursor type feedbackId action { id } } }`;

/** Cursors strictly increasing (they are zero-padded strings) and never repeated. */
function expectOrdered(list: Ev[]) {
  for (let i = 1; i < list.length; i++) expect(list[i]!.cursor > list[i - 1]!.cursor, `cursor ${i}`).toBe(true);
}

describe.runIf(ready)(SUITE, { timeout: 180_000 }, () => {
  let a: ProcessHub;
  let b: ProcessHub;
  let db: { url: string; drop: () => Promise<void> };
  let ids: DemoIds;
  let dataDirs: string[] = [];
  const tokens: Record<string, Record<string, string>> = {};
  const as = (h: ProcessHub) => h as unknown as TestHub;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      // This run's own channel: other runs on the same Redis must not reach these hubs.
      REDIS_CHANNEL: `voc-hub-test:${new URL(db.url).pathname.slice(1)}`,
      // Both start on the same empty database at once and both are asked to load the demo: it loads once.
      HUB_DEMO: '1',
      DEMO_FEEDBACK: '300',
      DEMO_CONTACTS: '300',
      // Both scan deadlines every second: overdue events must still be written once.
      DEADLINE_SCAN_SECONDS: '1',
    };
    // Each process its own data directory, as on two machines: what both serve comes from PostgreSQL.
    dataDirs = [tempDir('voc-hub-a-'), tempDir('voc-hub-b-')];
    [a, b] = await Promise.all([spawnHub('A', { ...env, DATA_DIR: dataDirs[0]! }), spawnHub('B', { ...env, DATA_DIR: dataDirs[1]! })]);
    for (const h of [a, b]) {
      tokens[h.name] = {};
      for (const u of ['agent', 'analyst', 'coordinator', 'expert.card', 'bm.sh']) tokens[h.name]![u] = await h.login(u);
    }
    ids = await demoIds(as(a), tokens.A!.coordinator!);
  });

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
    expect(codes).toEqual([0, 0]);
  });

  it('loads the demo data once although both processes were asked to', async () => {
    const pool = new pg.Client({ connectionString: db.url });
    await pool.connect();
    try {
      const users = (await pool.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0]!.n;
      const loaded = [a, b].filter((h) => h.output.includes('"demo data loaded"')).length;
      expect(loaded).toBe(1);
      expect(Number(users)).toBeGreaterThan(30);
      expect(Number(users)).toBeLessThan(60);
    } finally {
      await pool.end();
    }
  });

  it('a mutation answered by one process reaches a subscriber connected to the other', async () => {
    const onB = await listening(as(b), 1, () => collect<Msg>(b.ws(tokens.B!.coordinator!), EVENTS));
    const id = await recordFeedback(as(a), tokens.A!.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: '跨进程：A 记录，B 订阅',
    });
    await onB.until(() => onB.items.some((m) => m.hubEvents.feedbackId === id));
    expect(onB.items.find((m) => m.hubEvents.feedbackId === id)!.hubEvents.type).toBe('FEEDBACK_RECORDED');
    onB.dispose();
  });

  it('a subscriber that moves from one process to the other resumes with after and misses nothing', async () => {
    // Two subscribers that stay connected, one on each process: the reference sequences.
    const stayA = await listening(as(a), 1, () => collect<Msg>(a.ws(tokens.A!.coordinator!), EVENTS));
    const stayB = await listening(as(b), 1, () => collect<Msg>(b.ws(tokens.B!.coordinator!), EVENTS));
    const mover = await listening(as(a), 1, () => collect<Msg>(a.ws(tokens.A!.coordinator!), EVENTS));
    const write = (i: number) =>
      recordFeedback(as(i % 2 ? b : a), (i % 2 ? tokens.B : tokens.A)!.agent!, {
        branchId: ids.branch[i % 3 ? 'SH' : 'BJ']!,
        categoryId: ids.category.CREDIT_CARD!,
        text: `迁移订阅 第 ${i} 条：两个进程同时写入`,
      });
    // Writes on both processes at once, while the mover listens on A.
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => write(i)));
    await mover.until(() => first.every((id) => mover.items.some((m) => m.hubEvents.feedbackId === id)));
    const last = mover.items.at(-1)!.hubEvents.cursor;
    mover.dispose();
    // While it is away, both processes keep writing.
    const away = await Promise.all(Array.from({ length: 20 }, (_, i) => write(100 + i)));
    const back = collect<Msg>(b.ws(tokens.B!.coordinator!), EVENTS, { after: last });
    await back.until(() => away.every((id) => back.items.some((m) => m.hubEvents.feedbackId === id)), 10_000);
    await stayA.until(() => away.every((id) => stayA.items.some((m) => m.hubEvents.feedbackId === id)), 10_000);
    await stayB.until(() => away.every((id) => stayB.items.some((m) => m.hubEvents.feedbackId === id)), 10_000);

    const after = (list: Msg[]) => list.map((m) => m.hubEvents).filter((e) => e.cursor > last);
    expectOrdered(back.items.map((m) => m.hubEvents));
    expectOrdered(stayA.items.map((m) => m.hubEvents));
    expectOrdered(stayB.items.map((m) => m.hubEvents));
    // The resumed stream is exactly what a subscriber that never moved received after that cursor,
    // and both processes delivered one and the same sequence.
    const cursors = (list: Ev[]) => list.map((e) => e.cursor);
    expect(cursors(after(back.items))).toEqual(cursors(after(stayB.items)).slice(0, after(back.items).length));
    expect(cursors(stayA.items.map((m) => m.hubEvents))).toEqual(cursors(stayB.items.map((m) => m.hubEvents)));
    // The mover's two halves together hold every feedback event, none twice.
    const seen = [...mover.items, ...back.items].map((m) => m.hubEvents.feedbackId).filter((x): x is string => !!x);
    for (const id of [...first, ...away])
      expect(
        seen.filter((x) => x === id),
        id,
      ).toHaveLength(1);
    for (const s of [stayA, stayB, back]) s.dispose();
  });

  it('an evidence file uploaded to one process is served by the other (its bytes in PostgreSQL)', async () => {
    const t = tokens.A!;
    const f = await recordFeedback(as(a), t.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: '两进程佐证：网点告示',
    });
    const p = await problemInConsultation(as(a), t, ids, [f], '两进程佐证文件');
    const concluded = await conclude(as(a), t.coordinator!, p, [{ branchId: ids.branch.SH! }], new Date(Date.now() + 86_400_000));
    const data = Buffer.concat([PNG, Buffer.alloc(600 * 1024, 5)]);
    const { body, contentType } = multipart('网点照片.png', data);
    const up = await fetch(a.url.replace(/\/graphql$/, `/files?parentKind=ACTION&parentId=${concluded.actions[0]!.id}`), {
      method: 'POST',
      headers: { authorization: `Bearer ${t['bm.sh']}`, 'content-type': contentType },
      body,
    });
    expect(up.status).toBe(201);
    const evidence = ((await up.json()) as any).evidence;
    const res = await fetch(b.url.replace(/\/graphql$/, evidence.downloadUrl), {
      headers: { authorization: `Bearer ${tokens.B!['bm.sh']}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''%E7%BD%91%E7%82%B9%E7%85%A7%E7%89%87.png");
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    const listed = await as(b).gql(
      tokens.B!.coordinator!,
      `query($id: ID!) { node(id: $id) { ... on LinkageAction { evidenceFiles { id size } } } }`,
      {
        id: concluded.actions[0]!.id,
      },
    );
    expect(listed.data?.node.evidenceFiles).toEqual([{ id: evidence.id, size: data.length }]);
  });

  it('overdue actions are announced once although both processes scan every second', async () => {
    const watch = await listening(as(b), 1, () => collect<Msg>(b.ws(tokens.B!.coordinator!), EVENTS));
    const t = tokens.A!;
    const f1 = await recordFeedback(as(a), t.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: '逾期测试：信用卡分期手续费',
    });
    const p = await problemInConsultation(as(a), t, ids, [f1], '两进程逾期扫描');
    const due = new Date(Date.now() + 3_000);
    const concluded = await conclude(
      as(b),
      tokens.B!.coordinator!,
      p,
      [{ branchId: ids.branch.SH! }, { branchId: ids.branch.BJ! }, { departmentId: ids.department.CARD! }],
      due,
    );
    const actionIds = concluded.actions.map((x) => x.id);
    const overdue = () =>
      watch.items.filter((m) => m.hubEvents.type === 'ACTION_OVERDUE' && actionIds.includes(m.hubEvents.action?.id ?? ''));
    await watch.until(() => overdue().length >= actionIds.length, 15_000);
    // Several more scans of both processes go by.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(
      overdue()
        .map((m) => m.hubEvents.action!.id)
        .sort(),
    ).toEqual([...actionIds].sort());

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const dup = await client.query(`SELECT type, action_id, problem_id, count(*) AS n FROM hub_events
        WHERE type IN ('ACTION_OVERDUE', 'STAGE_OVERDUE', 'ACTION_ESCALATED') GROUP BY type, action_id, problem_id, note HAVING count(*) > 1`);
      expect(dup.rows).toEqual([]);
      const logged = (
        await client.query<{ n: string }>(`SELECT count(*) AS n FROM hub_events WHERE type = 'ACTION_OVERDUE' AND action_id = ANY($1)`, [
          actionIds,
        ])
      ).rows[0]!.n;
      expect(Number(logged)).toBe(actionIds.length);
    } finally {
      await client.end();
    }
    watch.dispose();
  });
  it('a report voided on one process leaves the alert representatives the other keeps (issue #15): the other reads them again', async () => {
    // A storm at one site: more than the alert's 32 representatives, so that a representative
    // voided is replaced by the alert's next report and the count alone does not show it.
    const site = { branchId: ids.branch.BJ!, categoryId: Object.values(ids.category).find((c) => c !== ids.category.CREDIT_CARD)! };
    const report = (h: ProcessHub, i: number) =>
      recordFeedback(as(h), tokens[h.name]!.agent!, { ...site, text: stormText(i), customerRef: `SCALE-STORM-${i}` });
    const storm: string[] = [];
    for (let i = 0; i < 40; i++) storm.push(await report(a, i));
    const reads = async (h: ProcessHub) => {
      const res = await fetch(new URL('/metrics', h.url));
      const text = await res.text();
      const found = /^hub_alert_representative_reads_total (\d+)$/m.exec(text);
      if (!found) throw new Error(`no hub_alert_representative_reads_total in /metrics (${res.status}): ${text.slice(0, 200)}`);
      return Number(found[1]);
    };
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const alertOf = async (id: string) =>
        (await client.query<{ cluster_id: number }>('SELECT cluster_id FROM feedback_cluster_items WHERE feedback_id = $1', [id])).rows[0]
          ?.cluster_id;
      const alert = await alertOf(storm[0]!);
      expect(alert).toBeDefined();
      // B reads the alert's representatives once, then keeps them: its next report reads none.
      await report(b, 40);
      const kept = await reads(b);
      expect(await alertOf(await report(b, 41))).toBe(alert);
      expect(await reads(b)).toBe(kept);

      // A voids the alert's first report, a representative; B hears it on the bus.
      const onB = await listening(as(b), 1, () => collect<Msg>(b.ws(tokens.B!.coordinator!), EVENTS));
      ok(
        await a.gql(tokens.A!.agent!, 'mutation($i: VoidFeedbackInput!) { voidFeedback(input: $i) { id } }', {
          i: { feedbackId: storm[0]!, expectedVersion: 1, reason: '重复记录' },
        }),
        'voidFeedback',
      );
      await onB.until(() => onB.items.some((m) => m.hubEvents.type === 'FEEDBACK_VOIDED' && m.hubEvents.feedbackId === storm[0]));
      onB.dispose();
      const replaced = (
        await client.query<{ n: string }>('SELECT count(*) AS n FROM feedback_cluster_items WHERE cluster_id = $1 AND rep = 1', [alert])
      ).rows[0]!.n;
      expect(Number(replaced)).toBe(32);

      // B's next report is compared with the representatives as they are now: read again.
      expect(await alertOf(await report(b, 42))).toBe(alert);
      expect(await reads(b)).toBe(kept + 1);
    } finally {
      await client.end();
    }
  });
});
