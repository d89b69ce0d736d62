import { startHub } from '../utils/hub.js';

/** Latency of the loop's hot paths over real HTTP, one client at a time: median and p99. */
export async function benchLoopLatency(samples = 300): Promise<{ rows: { name: string; value: number; unit: string }[] }> {
  // The nested 100-problem page is far above the default query cost limit on purpose: this measures
  // the data path, not the limit.
  const hub = await startHub({
    demo: { feedback: 30_000, contacts: 1_000 },
    env: { QUERY_MAX_COST: '1000000', RATE_POINTS_PER_MINUTE: '1000000000' },
  });
  try {
    const analyst = await hub.login('analyst');
    const coordinator = await hub.login('coordinator');
    const org = await hub.gql(analyst, '{ categories { id } branches { id code } }');
    const categoryId = org.data!.categories[0].id;
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { p50: s[Math.floor(s.length * 0.5)]!, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! };
    };
    const check = async (r: Promise<{ errors?: unknown[] }>) => {
      const result = await r;
      if (result.errors) throw new Error(JSON.stringify(result.errors).slice(0, 300));
    };
    // Warm-up: caches, prepared statements, and the insight index catching up with the demo data.
    for (let i = 0; i < 20; i++) await check(hub.gql(analyst, '{ problems(first: 10) { totalCount } }'));
    await new Promise((r) => setTimeout(r, 3000));
    const open: number[] = [];
    for (let i = 0; i < samples; i++) {
      open.push(
        await time(() =>
          check(
            hub.gql(analyst, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id code version } }', {
              i: { title: `性能测试问题 ${i}`, categoryId, severity: 'LOW', feedbackIds: [] },
            }),
          ),
        ),
      );
    }
    const PAGE = `{ problems(first: 100) { totalCount edges { node { id code title status severity version category { name } createdBy { displayName }
      feedbackCount branches { code } diagnosis { summary author { displayName } proposedDepartments { name } }
      consultation { experts { displayName } opinions { body expert { displayName } department { name } } conclusion { rootCause outcome } }
      actions { id status dueAt overdue branch { name } department { name } } } } } }`;
    const page: number[] = [];
    for (let i = 0; i < Math.max(50, samples / 3); i++) page.push(await time(() => check(hub.gql(coordinator, PAGE))));
    const o = stats(open);
    const p = stats(page);
    return {
      rows: [
        { name: 'openProblem over HTTP, p50', value: o.p50, unit: 'ms' },
        { name: 'openProblem over HTTP, p99', value: o.p99, unit: 'ms' },
        { name: '100-problem page with nested fields, p50', value: p.p50, unit: 'ms' },
        { name: '100-problem page with nested fields, p99', value: p.p99, unit: 'ms' },
      ],
    };
  } finally {
    await hub.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await benchLoopLatency();
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`);
}
