import { startHub, type TestHub } from '../utils/hub.js';
import { serviceAvailable } from '../utils/services.js';
import { autocannon, alternate, median, percentile, recordFeedbackBody, type BenchRow } from './util.js';

const READ = '{ problems(first: 50) { totalCount edges { node { id code title status category { name } branches { code } } } } }';
const REPORT = `query($m: String!) { vocReport(month: $m) { praise problems suggestions complaints byChannel { channel count }
  topCategories { category { name } count } byBranch { branch { code } problems complaints } actionsDue actionsOverdue } }`;
const SECONDS = 5;
const ROUNDS = 3;

/**
 * SQLite vs PostgreSQL (scale-out): the same hub, the same demo data (30,000 feedback), the same
 * requests over HTTP, one process each, measured alternately. Ratios are PostgreSQL ÷ SQLite.
 */
export async function benchDialects(): Promise<{ rows: BenchRow[] }> {
  if (!(await serviceAvailable('postgres', 'benchmark: SQLite vs PostgreSQL'))) return { rows: [] };
  const env = { RATE_POINTS_PER_MINUTE: '1000000000', NODE_ENV: 'production' };
  const demo = { feedback: 30_000, contacts: 1_000 };
  const lite = await startHub({ demo, env, database: 'sqlite' });
  const pg = await startHub({ demo, env, database: 'postgres' });
  const rows: BenchRow[] = [];
  try {
    const tokens = new Map<TestHub, { coordinator: string; agent: string }>();
    for (const h of [lite, pg]) tokens.set(h, { coordinator: await h.login('coordinator'), agent: await h.login('agent') });

    // Reads: the read path of row 1.
    const read = (h: TestHub) => () =>
      autocannon(h.url, {
        body: JSON.stringify({ query: READ }),
        connections: 20,
        seconds: SECONDS,
        headers: { authorization: `Bearer ${tokens.get(h)!.coordinator}` },
      }).then((r) => r.requestsPerSecond);
    const reads = await alternate(ROUNDS, read(pg), read(lite));
    rows.push({
      name: 'scale-out: read problems(first: 50) on PostgreSQL vs SQLite (req/s, one process each)',
      value: reads.a,
      unit: 'req/s',
      baseline: reads.b,
      ratio: reads.a / reads.b,
    });

    // Writes: recordFeedback under 50 clients (row 2's workload).
    const write = (h: TestHub) => async () => {
      const r = await autocannon(h.url, {
        body: await recordFeedbackBody(h, tokens.get(h)!.agent),
        connections: 50,
        seconds: SECONDS,
        headers: { authorization: `Bearer ${tokens.get(h)!.agent}` },
      });
      p99.get(h)!.push(r.p99);
      return r.requestsPerSecond;
    };
    const p99 = new Map<TestHub, number[]>([
      [lite, []],
      [pg, []],
    ]);
    const writes = await alternate(ROUNDS, write(pg), write(lite));
    rows.push({
      name: 'scale-out: write recordFeedback, 50 clients, on PostgreSQL vs SQLite',
      value: writes.a,
      unit: 'req/s',
      baseline: writes.b,
      ratio: writes.a / writes.b,
      note: `p99 ${median(p99.get(pg)!)} ms vs ${median(p99.get(lite)!)} ms`,
    });

    // Report: the monthly VOC report, one client, latency.
    const month = new Date().toISOString().slice(0, 7);
    const report = async (h: TestHub): Promise<number[]> => {
      const ms: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        const r = await h.gql(tokens.get(h)!.coordinator, REPORT, { m: month });
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        ms.push(performance.now() - t0);
      }
      return ms;
    };
    await report(pg);
    await report(lite);
    const pgMs: number[] = [];
    const liteMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      pgMs.push(...(await report(pg)));
      liteMs.push(...(await report(lite)));
    }
    rows.push({
      name: 'scale-out: vocReport(month) over HTTP on PostgreSQL vs SQLite (p50 ms; ratio of times)',
      value: median(pgMs),
      unit: 'ms',
      baseline: median(liteMs),
      ratio: median(pgMs) / median(liteMs),
      note: `p99 ${percentile(pgMs, 99).toFixed(1)} ms vs ${percentile(liteMs, 99).toFixed(1)} ms`,
    });
  } finally {
    await lite.stop();
    await pg.stop();
  }
  return { rows };
}
