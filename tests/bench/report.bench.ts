import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, type Store } from '../../server/src/core/db.js';
import { loadEnv } from '../../server/src/core/env.js';
import { createLogger } from '../../server/src/core/logger.js';
import { createLocalEventBus } from '../../server/src/event/event.bus.js';
import { OrgDirectory } from '../../server/src/org/org.directory.js';
import { createServices, type Services } from '../../server/src/core/services.js';
import { loadDemo } from '../../server/src/demo/demo.seed.js';
import { newId } from '../../server/src/core/ids.js';
import { findUserByUsername } from '../../server/src/user/user.repository.js';
import { rebuildRollups, addFeedbackToRollups } from '../../server/src/report/rollup.repository.js';
import type { HubDeps } from '../../server/src/core/hub.js';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { tempDir } from '../utils/temp.js';
import { prng } from '../utils/fixtures.js';

type Row = { name: string; value: number; unit: string; ratio?: number };

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => unknown, runs: number): number {
  fn(); // warm-up: statement caches, the org directory
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

/** `count` feedback rows over the year before NOW, inserted raw (as the demo does), then the rollups rebuilt. */
export function bulkFeedback(store: Store, count: number, seed: number): { insertMs: number; rebuildMs: number } {
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
  rebuildRollups(store);
  return { insertMs, rebuildMs: performance.now() - t0 };
}

interface Measured {
  vocReport: number;
  vocReportBranch: number;
  dashboardMonth: number;
  dashboardAll: number;
  rawMonthGroupBy: number;
  rebuildMs: number;
  insertMs: number;
  rollupCells: number;
  recordFeedbackUs?: number;
  rollupUpsertUs?: number;
}

async function measure(size: number, runs: number, withWrites: boolean): Promise<Measured> {
  const dir = tempDir('voc-hub-bench-');
  const store = openStore(path.join(dir, 'hub.sqlite'));
  try {
    await loadDemo(store, { now: new Date(NOW), feedback: 0, contacts: 20_000, seed: 7 });
    const existing = (store.raw.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number }).n;
    const { insertMs, rebuildMs } = bulkFeedback(store, size - existing, size);
    const env = loadEnv({
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      NODE_ENV: 'test',
      HUB_SECRET: 'bench-secret-bench-secret-bench-secret',
    } as NodeJS.ProcessEnv);
    const deps: HubDeps = {
      store,
      bus: createLocalEventBus(),
      clock: { now: () => new Date(NOW) },
      log: createLogger('silent'),
      env,
      secret: Buffer.from(env.HUB_SECRET!),
      org: new OrgDirectory(() => store.read),
    };
    const services: Services = createServices(deps);
    const as = (username: string): Viewer => services.auth.viewerOf(findUserByUsername(store.read, username)!);
    const coordinator = as('coordinator');
    const bm = as('bm.sh');
    const from = new Date(Date.parse(`${MONTH}-01T00:00:00+08:00`));
    const to = new Date(Date.parse('2026-11-01T00:00:00+08:00'));
    const result: Measured = {
      vocReport: time(() => services.reports.vocReport(coordinator, MONTH), runs),
      vocReportBranch: time(() => services.reports.vocReport(bm, MONTH), runs),
      dashboardMonth: time(() => services.reports.dashboard(coordinator, { from, to }), runs),
      dashboardAll: time(() => services.reports.dashboard(coordinator, {}), runs),
      // What the report's counts cost without rollups: one GROUP BY over the month's rows.
      rawMonthGroupBy: time(
        () =>
          store.read.$client
            .prepare(
              'SELECT branch_id, category_id, channel, kind, count(*), sum(complaint) FROM feedback WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3, 4',
            )
            .all(from.getTime(), to.getTime()),
        runs,
      ),
      rebuildMs,
      insertMs,
      rollupCells: (
        store.raw.prepare("SELECT count(*) AS n FROM feedback_rollups WHERE grain = 'MONTH' AND period = ?").get(MONTH) as { n: number }
      ).n,
    };
    if (withWrites) {
      // recordFeedback through the service, one transaction each, as the API does it.
      const agent = as('agent');
      const categoryId = (store.raw.prepare('SELECT id FROM categories LIMIT 1').get() as { id: string }).id;
      const branchId = bm.branchId!;
      const n = 2000;
      const t0 = performance.now();
      for (let i = 0; i < n; i++)
        await services.feedback.record(agent, { kind: 'PROBLEM', channel: 'VOICE', categoryId, branchId, text: `性能测试反馈 ${i}` });
      result.recordFeedbackUs = ((performance.now() - t0) * 1000) / n;
      // The rollup's part of it: the same upserts alone, in one transaction rolled back.
      const ids = (store.raw.prepare('SELECT id FROM feedback ORDER BY rowid DESC LIMIT ?').all(n) as { id: string }[]).map((r) => r.id);
      let upsertMs = 0;
      await store
        .transaction(async (tx) => {
          const t1 = performance.now();
          for (const id of ids) addFeedbackToRollups(tx, id);
          upsertMs = performance.now() - t1;
          throw new Error('roll back');
        })
        .catch(() => undefined);
      result.rollupUpsertUs = (upsertMs * 1000) / n;
    }
    return result;
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The monthly report and the dashboard at 100,000 and 2,000,000 feedback rows (a year of them, in
 * temporary databases): median times and the ratio between the sizes — flat, because both read
 * the rollups — next to a raw GROUP BY of the month, which grows with the rows; and what keeping the
 * rollups costs each recordFeedback.
 */
export async function benchReports(options: { sizes?: [number, number]; runs?: number } = {}): Promise<{ rows: Row[] }> {
  const [small, large] = options.sizes ?? [100_000, 2_000_000];
  const runs = options.runs ?? 7;
  const a = await measure(small, runs, true);
  const b = await measure(large, runs, false);
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
  const pair = (name: string, key: keyof Measured, unit = 'ms'): Row[] => [
    { name: `${name}, ${label(small)} feedback`, value: a[key]!, unit },
    { name: `${name}, ${label(large)} feedback`, value: b[key]!, unit, ratio: b[key]! / a[key]! },
  ];
  return {
    rows: [
      ...pair(`vocReport(${MONTH}), whole bank`, 'vocReport'),
      ...pair(`vocReport(${MONTH}), branch manager`, 'vocReportBranch'),
      ...pair('dashboard, one month', 'dashboardMonth'),
      ...pair('dashboard, all time', 'dashboardAll'),
      ...pair('raw GROUP BY of the month (no rollups)', 'rawMonthGroupBy'),
      ...pair('monthly rollup cells of the month', 'rollupCells', 'rows'),
      ...pair('rebuildRollups', 'rebuildMs'),
      { name: 'recordFeedback through the service (own transaction)', value: a.recordFeedbackUs!, unit: 'µs' },
      { name: 'rollup upsert within it', value: a.rollupUpsertUs!, unit: 'µs', ratio: a.rollupUpsertUs! / a.recordFeedbackUs! },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await benchReports();
  for (const r of rows)
    console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.ratio === undefined ? '' : ` (ratio ${r.ratio.toFixed(2)})`}`);
}
