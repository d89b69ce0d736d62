import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore, type Store } from '../../server/src/core/db.js';
import { loadEnv } from '../../server/src/core/env.js';
import { createLogger } from '../../server/src/core/logger.js';
import { createLocalEventBus } from '../../server/src/event/event.bus.js';
import { OrgDirectory } from '../../server/src/org/org.directory.js';
import { createServices, type Services } from '../../server/src/app/services.js';
import { loadDemo } from '../../server/src/demo/demo.seed.js';
import { newId } from '../../server/src/core/ids.js';
import { listUsers } from '../../server/src/user/user.repository.js';
import { rebuildRollups, addFeedbackToRollups } from '../../server/src/report/rollup.repository.js';
import type { BaseDeps } from '../../server/src/app/services.js';
import type { Viewer } from '../../server/src/core/viewer.rules.js';
import { tempDir } from '../utils/temp.js';
import { prng } from '../utils/fixtures.js';
import { median, type BenchRow } from './util.js';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const MONTH = '2026-10';
const DAY = 86_400_000;
const SPAN_DAYS = 365;
const TEXTS = {
  PRAISE: [
    '客户来电表扬网点大堂经理耐心细致，帮助老人办理业务',
    '客户表扬客服专员解答清楚，一次就解决了问题',
    '感谢理财经理主动提醒产品到期',
  ],
  PROBLEM: [
    '客户反映信用卡还款日没有收到短信提醒，产生了滞纳金',
    '客户反映手机银行转账一直提示系统繁忙，无法付款',
    '客户反映贷款审批时间太长，多次催办没有结果',
    '客户反映网点排队时间过长，取号后等待一个多小时',
  ],
  SUGGESTION: ['建议手机银行转账失败时明确提示原因', '建议客服热线增加预约回电功能', '建议信用卡账单分期手续费更透明'],
} as const;
const KINDS = ['PRAISE', 'PROBLEM', 'PROBLEM', 'PROBLEM', 'SUGGESTION'] as const;
const CHANNELS = ['VOICE', 'VOICE', 'VOICE', 'ONLINE', 'WECHAT', 'VIDEO', 'BRANCH', 'SELF_SERVICE'] as const;

const elapsed = async (fn: () => unknown): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

/**
 * Median times of `a` and `b`, run in turns (a, b, a, b, …) after a warm-up of each, so that a
 * busy machine slows both sizes alike and the ratio stays meaningful.
 */
async function timePair(a: () => unknown, b: () => unknown, runs: number): Promise<[number, number]> {
  for (let i = 0; i < 2; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(await elapsed(a));
    tb.push(await elapsed(b));
  }
  return [median(ta), median(tb)];
}

/** `count` feedback rows over the year before NOW, inserted raw (as the demo does), then the rollups rebuilt. */
async function bulkFeedback(store: Store, count: number, seed: number): Promise<{ insertMs: number; rebuildMs: number }> {
  const db = store.raw;
  // The benchmark reads no text search: the FTS trigger would only slow the bulk insert. A
  // throwaway database needs no fsync per batch either.
  db.exec('DROP TRIGGER IF EXISTS feedback_fts_ai');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const branches = (db.prepare("SELECT id FROM branches WHERE level != 'HEAD_OFFICE'").all() as { id: string }[]).map((b) => b.id);
  const categories = (db.prepare('SELECT id FROM categories').all() as { id: string }[]).map((c) => c.id);
  const insert = db.prepare(
    'INSERT INTO feedback (id, kind, channel, category_id, branch_id, received_at, text, complaint, customer_ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const random = prng(seed);
  const bytes = Buffer.alloc(10);
  const idBytes = () => {
    for (let i = 0; i < 10; i++) bytes[i] = Math.floor(random() * 256);
    return bytes;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  // In time order, as feedback arrives: the time-ordered indexes grow at their end.
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = Math.floor(NOW - random() * SPAN_DAYS * DAY);
  times.sort();
  let next = 0;
  const started = performance.now();
  const batch = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) {
      const at = times[next++]!;
      const kind = pick(KINDS);
      insert.run(
        newId('Feedback', at, idBytes),
        kind,
        pick(CHANNELS),
        pick(categories),
        pick(branches),
        at,
        pick(TEXTS[kind]),
        random() < 0.03 ? 1 : 0,
        random() < 0.5 ? `C${Math.floor(random() * 1e6)}` : null,
        at,
      );
    }
  });
  for (let done = 0; done < count; done += 50_000) batch(Math.min(50_000, count - done));
  const insertMs = performance.now() - started;
  db.pragma('synchronous = FULL');
  const t0 = performance.now();
  await rebuildRollups(store);
  return { insertMs, rebuildMs: performance.now() - t0 };
}

interface Setup {
  store: Store;
  dir: string;
  services: Services;
  as(username: string): Viewer;
  insertMs: number;
  rebuildMs: number;
}

/** A temporary hub database: the demo's organisation, people, loop and 20,000 contacts, and `size` feedback. */
async function setup(size: number): Promise<Setup> {
  const dir = tempDir('voc-hub-bench-');
  const store = openStore(path.join(dir, 'hub.sqlite'));
  await loadDemo(store, { now: new Date(NOW), feedback: 0, contacts: 20_000, seed: 7 });
  const existing = (store.raw.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number }).n;
  const { insertMs, rebuildMs } = await bulkFeedback(store, size - existing, size);
  const env = loadEnv({
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    NODE_ENV: 'test',
    HUB_SECRET: 'bench-secret-bench-secret-bench-secret',
  } as NodeJS.ProcessEnv);
  const deps: BaseDeps = {
    store,
    bus: createLocalEventBus(),
    clock: { now: () => new Date(NOW) },
    log: createLogger('silent'),
    env,
    secret: Buffer.from(env.HUB_SECRET!),
    org: new OrgDirectory(() => store.read),
  };
  await deps.org.refresh();
  const services = createServices(deps);
  const people = await listUsers(store.read);
  return { store, dir, services, as: (u) => services.auth.viewerOf(people.find((p) => p.username === u)!), insertMs, rebuildMs };
}

/** recordFeedback through the service, one transaction each as over the API, and the rollup's part of it. */
async function writeCost(s: Setup, n = 2000): Promise<{ recordUs: number; upsertUs: number }> {
  const agent = s.as('agent');
  const categoryId = (s.store.raw.prepare('SELECT id FROM categories LIMIT 1').get() as { id: string }).id;
  const branchId = s.as('bm.sh').branchId!;
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    await s.services.feedback.record(agent, { kind: 'PROBLEM', channel: 'VOICE', categoryId, branchId, text: `性能测试反馈 ${i}` });
  const recordUs = ((performance.now() - t0) * 1000) / n;
  // The same rollup upserts alone, in one transaction that is rolled back.
  const ids = (s.store.raw.prepare('SELECT id FROM feedback ORDER BY rowid DESC LIMIT ?').all(n) as { id: string }[]).map((r) => r.id);
  let upsertMs = 0;
  await s.store
    .transaction(async (tx) => {
      upsertMs = await elapsed(async () => {
        for (const id of ids) await addFeedbackToRollups(tx, id);
      });
      throw new Error('roll back');
    })
    .catch(() => undefined);
  return { recordUs, upsertUs: (upsertMs * 1000) / n };
}

/**
 * The monthly report and the dashboard at 100,000 and 2,000,000 feedback rows (a year of them, in
 * temporary databases): median times and the ratio between the sizes — flat, because both read
 * the rollups — next to a raw GROUP BY of the month, which grows with the rows; and what keeping the
 * rollups costs each recordFeedback.
 */
export async function benchReports(options: { sizes?: [number, number]; runs?: number } = {}): Promise<{ rows: BenchRow[] }> {
  const [small, large] = options.sizes ?? [100_000, 2_000_000];
  const runs = options.runs ?? 9;
  const a = await setup(small);
  const b = await setup(large);
  try {
    const from = new Date(Date.parse(`${MONTH}-01T00:00:00+08:00`));
    const to = new Date(Date.parse('2026-11-01T00:00:00+08:00'));
    const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
    const rows: BenchRow[] = [];
    // One row per measurement: the large size, against the small one as the baseline.
    const pair = (name: string, [va, vb]: [number, number], extra: Partial<BenchRow> = {}, unit = 'ms') =>
      rows.push({
        name: `${name}: ${label(large)} feedback (baseline ${label(small)})`,
        value: vb,
        baseline: va,
        ratio: vb / va,
        unit,
        ...extra,
      });
    const both = async (name: string, run: (s: Setup) => unknown, extra: Partial<BenchRow> = {}) =>
      pair(
        name,
        await timePair(
          () => run(a),
          () => run(b),
          runs,
        ),
        extra,
      );
    const flat = { target: '≤ 1.5×', note: 'reads the rollups: grows with the groups, not the rows' };
    await both(`vocReport(${MONTH}), whole bank`, (s) => s.services.reports.vocReport(s.as('coordinator'), MONTH), flat);
    await both(`vocReport(${MONTH}), branch manager`, (s) => s.services.reports.vocReport(s.as('bm.sh'), MONTH), flat);
    const daily = { target: '≤ 2×', note: 'the daily series from its own branch × kind rollup' };
    await both('dashboard, one month', (s) => s.services.reports.dashboard(s.as('coordinator'), { from, to }), daily);
    await both('dashboard, no range (all time, last 30 days series)', (s) => s.services.reports.dashboard(s.as('coordinator'), {}), daily);
    // What the report's counts cost without rollups: one GROUP BY over the month's rows.
    await both(
      'raw GROUP BY of the month (no rollups)',
      (s) =>
        s.store.raw
          .prepare(
            'SELECT branch_id, category_id, channel, kind, count(*), sum(complaint) FROM feedback WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3, 4',
          )
          .all(from.getTime(), to.getTime()),
      { note: 'what the rollups avoid: grows with the rows' },
    );
    const cells = (s: Setup) =>
      (s.store.raw.prepare("SELECT count(*) AS n FROM feedback_rollups WHERE grain = 'MONTH' AND period = ?").get(MONTH) as { n: number })
        .n;
    pair('monthly rollup cells of the month', [cells(a), cells(b)], {}, 'rows');
    pair('bulk insert (raw)', [a.insertMs, b.insertMs]);
    pair('rebuildRollups', [a.rebuildMs, b.rebuildMs]);
    const w = await writeCost(a);
    rows.push(
      { name: 'recordFeedback through the service (own transaction)', value: w.recordUs, unit: 'µs' },
      {
        name: 'the rollup upserts within it (baseline: the whole recordFeedback)',
        value: w.upsertUs,
        baseline: w.recordUs,
        ratio: w.upsertUs / w.recordUs,
        unit: 'µs',
      },
    );
    return { rows };
  } finally {
    for (const s of [a, b]) {
      await s.store.close();
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  }
}

// Run on its own: npx tsx --tsconfig ../tsconfig.json bench/report.bench.ts (from tests/); `pnpm bench` runs it with the rest.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows } = await benchReports();
  for (const r of rows)
    console.log(
      `${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.baseline === undefined ? '' : ` vs ${r.baseline.toFixed(2)}, ${r.ratio!.toFixed(2)}×`}`,
    );
}
