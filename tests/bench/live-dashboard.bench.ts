import { startHub } from '../utils/hub.js';
import { autocannon, median, percentile, type BenchRow } from './util.js';

const READ = '{ problems(first: 50) { totalCount edges { node { id code title status category { name } branches { code } } } } }';
const DASHBOARD = '{ dashboard { feedbackByKind { kind count } } }';
const MUTATIONS = 40;

/**
 * Row 4: from a mutation's answer to the moment a live dashboard shows the change — the dashboard
 * subscribes to hubEvents and refetches on each event, as the web app does — while the read load of
 * row 1 runs from a separate process.
 */
export async function benchLiveDashboard(): Promise<{ rows: BenchRow[] }> {
  const hub = await startHub({ demo: { feedback: 30_000, contacts: 1_000 }, env: { RATE_POINTS_PER_MINUTE: '1000000000' } });
  try {
    const coordinator = await hub.login('coordinator');
    const agent = await hub.login('agent');
    const org = await hub.gql(agent, '{ branches { id code } categories { id } }');
    const input = {
      kind: 'PROBLEM',
      channel: 'VOICE',
      categoryId: org.data!.categories[0].id,
      branchId: org.data!.branches.find((b: { code: string }) => b.code === 'SH').id,
    };
    const total = async () => {
      const r = await hub.gql(coordinator, DASHBOARD);
      return (r.data!.dashboard.feedbackByKind as { count: number }[]).reduce((s, k) => s + k.count, 0);
    };
    let shown = await total();
    let waiting: { target: number; resolve: (at: number) => void } | null = null;
    const client = hub.ws(coordinator);
    client.subscribe(
      { query: 'subscription { hubEvents { cursor type } }' },
      {
        next: async () => {
          shown = await total();
          if (waiting && shown >= waiting.target) {
            waiting.resolve(performance.now());
            waiting = null;
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    const load = autocannon(hub.url, {
      body: JSON.stringify({ query: READ }),
      connections: 10,
      seconds: 25,
      headers: { authorization: `Bearer ${coordinator}` },
    });
    await new Promise((r) => setTimeout(r, 1000));
    const times: number[] = [];
    for (let i = 0; i < MUTATIONS; i++) {
      const target = shown + 1;
      const seen = new Promise<number>((resolve) => (waiting = { target, resolve }));
      const r = await hub.gql(agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
        i: { ...input, text: `仪表盘实时测试 ${i}` },
      });
      const answered = performance.now();
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      const at = await Promise.race([seen, new Promise<number>((resolve) => setTimeout(() => resolve(NaN), 10_000))]);
      times.push(Math.max(0, at - answered));
      await new Promise((res) => setTimeout(res, 200));
    }
    const loadResult = await load;
    const ok = times.filter((t) => Number.isFinite(t));
    return {
      rows: [
        {
          name: '4. mutation answered → subscribed dashboard shows it (under the row-1 read load), p50',
          value: median(ok),
          unit: 'ms',
          note: `p99 ${percentile(ok, 0.99).toFixed(0)} ms over ${ok.length}/${MUTATIONS} mutations; read load ${Math.round(loadResult.requestsPerSecond)} req/s meanwhile`,
        },
      ],
    };
  } finally {
    await hub.stop();
  }
}
