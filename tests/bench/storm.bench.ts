import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../server/src/core/env.js';
import { startHub, type TestHub } from '../utils/hub.js';
import { serviceAvailable } from '../utils/services.js';
import { stormText } from '../utils/storm.js';
import { median, percentile, type BenchRow } from './util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Concurrent agents, each one request at a time. */
const AGENTS = 30;
/**
 * Bursts of each workload, alternated: control, storm, control, storm … Short bursts, so that both
 * workloads meet the same moments of a shared machine (with 4 × 750, one busy minute decided a run).
 */
const ROUNDS = 12;
/** Requests a burst: ROUNDS × BURST = 3,000 storm reports in one branch × category. */
const BURST = Number(process.env.STORM_BURST ?? 250);
const RECORD = 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }';

interface BurstResult {
  latencies: number[];
  seconds: number;
  errors: number;
}

/** Sends one burst from the load process and waits for its figures. */
function burst(url: string, token: string, bodies: string[]): Promise<BurstResult> {
  const child = fork(path.join(here, 'storm-load.ts'), [], {
    execPath: path.join(PROJECT_ROOT, 'tests', 'node_modules', '.bin', 'tsx'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => {
      child.kill();
      resolve(m as BurstResult);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`storm-load exited ${code}`)) : undefined));
    child.send({ url, token, bodies, connections: AGENTS });
  });
}

const body = (i: { categoryId: string; branchId: string; text: string; customerRef: string }) =>
  JSON.stringify({ query: RECORD, variables: { i: { kind: 'PROBLEM', channel: 'VOICE', ...i } } });

/**
 * One store: a hub with the demo's history, alternating a control burst (the demo's own texts, each
 * with its category and branch, a new customer each: everyday traffic) with a storm burst (one
 * failure at one branch in one category, paraphrased, a new customer each), over HTTP with 30
 * agents. Throughput is requests ÷ burst wall time (median over the rounds); p99 over all requests
 * of each workload.
 */
async function measure(
  database: 'sqlite' | 'postgres',
): Promise<{ control: number; storm: number; p99c: number; p99s: number; linked: number; errors: number }> {
  const hub: TestHub = await startHub({
    demo: { feedback: 10_000, contacts: 500 },
    env: { RATE_POINTS_PER_MINUTE: '1000000000', NODE_ENV: 'production' },
    database,
  });
  try {
    await hub.app.services.insight.catchUp();
    const token = await hub.login('agent');
    const demo = await hub.db.all<{ text: string; category_id: string; branch_id: string }>(
      `SELECT text, category_id, branch_id FROM feedback ORDER BY id LIMIT ${ROUNDS * BURST}`,
    );
    const g = (await hub.db.get<{ category_id: string; branch_id: string }>(
      "SELECT c.id AS category_id, b.id AS branch_id FROM categories c, branches b WHERE b.code = 'SH' ORDER BY c.id LIMIT 1",
    ))!;
    const stormGroup = { categoryId: g.category_id, branchId: g.branch_id };
    const control: BurstResult[] = [];
    const storm: BurstResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const range = Array.from({ length: BURST }, (_, k) => r * BURST + k);
      control.push(
        await burst(
          hub.url,
          token,
          range.map((i) =>
            body({ categoryId: demo[i]!.category_id, branchId: demo[i]!.branch_id, text: demo[i]!.text, customerRef: `BENCH-C-${i}` }),
          ),
        ),
      );
      storm.push(
        await burst(
          hub.url,
          token,
          range.map((i) => body({ ...stormGroup, text: stormText(i), customerRef: `BENCH-S-${i}` })),
        ),
      );
    }
    const tput = (bs: BurstResult[]) => median(bs.map((b) => b.latencies.length / b.seconds));
    const linked = (await hub.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM feedback f JOIN feedback_cluster_items i ON i.feedback_id = f.id WHERE f.customer_ref LIKE 'BENCH-S-%'",
    ))!.n;
    return {
      control: tput(control),
      storm: tput(storm),
      p99c: percentile(
        control.flatMap((b) => b.latencies),
        0.99,
      ),
      p99s: percentile(
        storm.flatMap((b) => b.latencies),
        0.99,
      ),
      linked,
      errors: [...control, ...storm].reduce((s, b) => s + b.errors, 0),
    };
  } finally {
    await hub.stop();
  }
}

/**
 * Row: an outage storm must not slow recording (issue #15). Control vs storm bursts, same run, per
 * store; written to bench/results/storm.md as well. Targets: storm ÷ control throughput ≥ 0.9×,
 * storm p99 ≤ 1.5× control p99. `pnpm bench storm`; STORM_STORES=sqlite (or postgres) measures one store, STORM_BURST=n smaller bursts for a trial.
 */
export async function benchStorm(): Promise<{ rows: BenchRow[] }> {
  const wanted = (process.env.STORM_STORES ?? 'sqlite,postgres').split(',');
  const stores: ('sqlite' | 'postgres')[] = [];
  if (wanted.includes('sqlite')) stores.push('sqlite');
  if (wanted.includes('postgres') && (await serviceAvailable('postgres', 'benchmark: outage storm on PostgreSQL'))) stores.push('postgres');
  const rows: BenchRow[] = [];
  const lines: string[] = [];
  for (const store of stores) {
    const m = await measure(store);
    const note = `p99 ${Math.round(m.p99s)} ms vs ${Math.round(m.p99c)} ms (${(m.p99s / m.p99c).toFixed(2)}×, target ≤ 1.5×); ${m.linked} of ${ROUNDS * BURST} storm reports linked to alerts; ${m.errors} errors`;
    rows.push({
      name: `storm: recordFeedback during an outage storm (${ROUNDS * BURST} reports, one branch × category) vs everyday traffic, ${AGENTS} agents, ${store}`,
      value: m.storm,
      unit: 'req/s',
      baseline: m.control,
      ratio: m.storm / m.control,
      target: '≥ 0.9×',
      note,
    });
    lines.push(
      `| ${store} | ${m.control.toFixed(1)} | ${m.storm.toFixed(1)} | ${(m.storm / m.control).toFixed(2)}× | ${Math.round(m.p99c)} | ${Math.round(m.p99s)} | ${(m.p99s / m.p99c).toFixed(2)}× | ${m.linked} | ${m.errors} | ${new Date().toISOString().slice(0, 16)}Z |`,
    );
  }
  // One line per store; a run that measures one store keeps the other's line from its own run.
  const dir = path.join(PROJECT_ROOT, 'bench', 'results');
  const file = path.join(dir, 'storm.md');
  const kept = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => /^\| (sqlite|postgres) \|/.test(l) && !stores.some((st) => l.startsWith(`| ${st} |`)))
    : [];
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    file,
    [
      '# Outage storm (issue #15)',
      '',
      `${AGENTS} agents over HTTP, ${ROUNDS} rounds alternating a control burst (${BURST} of the demo's own reports, each with its category and branch) and a storm burst (${BURST} paraphrases of one failure at one branch in one category): ${ROUNDS * BURST} storm reports. Each report has its own customer. Throughput: median over the rounds of requests ÷ burst wall time; p99 over all requests of each workload. Targets: throughput ratio ≥ 0.9×, p99 ratio ≤ 1.5×. \`pnpm bench storm\` (STORM_STORES=sqlite or postgres for one store).`,
      '',
      '| store | control req/s | storm req/s | throughput ratio | control p99 ms | storm p99 ms | p99 ratio | storm reports linked | errors | measured |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...[...kept, ...lines].sort(),
      '',
    ].join('\n'),
  );
  return { rows };
}
