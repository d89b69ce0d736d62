import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/core/env.js';
import type { BenchRow } from './util.js';

/**
 * `pnpm bench`: every benchmark module in turn, hub and baseline measured in the same run, written
 * to bench/results/latest.json and latest.md. Modules that are not there yet are skipped, loudly.
 */
const MODULES: { file: string; fn: string }[] = [
  { file: './read-write.bench.js', fn: 'benchReadWrite' },
  { file: './fanout.bench.js', fn: 'benchFanout' },
  { file: './live-dashboard.bench.js', fn: 'benchLiveDashboard' },
  { file: './loop-latency.js', fn: 'benchLoopLatency' },
  { file: './report.bench.js', fn: 'benchReports' },
  { file: './import.bench.js', fn: 'benchImport' },
  { file: './insight.bench.js', fn: 'benchInsight' },
  { file: './insight-zh.bench.js', fn: 'benchInsightZh' },
  { file: './audit.bench.js', fn: 'benchAudit' },
  { file: './mask.bench.js', fn: 'benchMask' },
  { file: './dialects.bench.js', fn: 'benchDialects' },
  { file: './storm.bench.js', fn: 'benchStorm' },
  { file: './list-export.bench.js', fn: 'benchListExport' },
  { file: './web-bundle.js', fn: 'measureWebBundleRows' },
];

// Measure what a deployment runs: graphql-js and other libraries read NODE_ENV when they load
// (the modules below are imported after this line), and skip their development-time checks.
process.env.NODE_ENV = 'production';

const only = process.argv.slice(2);
const results: { module: string; rows: BenchRow[]; seconds: number; error?: string }[] = [];
const startedAt = new Date();
for (const m of MODULES) {
  if (only.length && !only.some((o) => m.file.includes(o))) continue;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(m.file)) as Record<string, unknown>;
  } catch (err) {
    console.warn(`SKIPPED ${m.file}: ${(err as Error).message.split('\n')[0]}`);
    continue;
  }
  const fn = mod[m.fn] as (() => Promise<{ rows: BenchRow[] }>) | undefined;
  if (!fn) {
    console.warn(`SKIPPED ${m.file}: no ${m.fn}()`);
    continue;
  }
  const t0 = Date.now();
  console.log(`running ${m.file} …`);
  try {
    const { rows } = await fn();
    results.push({ module: m.file, rows, seconds: (Date.now() - t0) / 1000 });
    for (const r of rows) console.log(`  ${r.name}: ${fmt(r.value)} ${r.unit}${r.ratio !== undefined ? ` (${r.ratio.toFixed(2)}×)` : ''}`);
  } catch (err) {
    console.error(`FAILED ${m.file}: ${(err as Error).stack}`);
    results.push({ module: m.file, rows: [], seconds: (Date.now() - t0) / 1000, error: (err as Error).message });
  }
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2);
}

const dir = path.join(PROJECT_ROOT, 'bench', 'results');
fs.mkdirSync(dir, { recursive: true });
const meta = {
  measuredAt: startedAt.toISOString(),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}`,
  node: process.version,
};
if (!only.length) {
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ ...meta, results }, null, 2));
  const lines = [
    `# Benchmarks, ${meta.measuredAt.slice(0, 10)}`,
    '',
    `Measured ${meta.measuredAt} on ${meta.machine}, Node ${meta.node}. Each ratio is the hub against its baseline measured in the same run.`,
    '',
    '| benchmark | hub | baseline | ratio | target | note |',
    '|---|---|---|---|---|---|',
    ...results.flatMap((r) =>
      r.error
        ? [`| ${r.module} | failed: ${r.error.replace(/\|/g, '/')} | | | | |`]
        : r.rows.map(
            (x) =>
              `| ${x.name} | ${fmt(x.value)} ${x.unit} | ${x.baseline !== undefined ? `${fmt(x.baseline)} ${x.unit}` : ''} | ${x.ratio !== undefined ? `${x.ratio.toFixed(2)}×` : ''} | ${x.target ?? ''} | ${x.note ?? ''} |`,
          ),
    ),
    '',
  ];
  fs.writeFileSync(path.join(dir, 'latest.md'), lines.join('\n'));
  console.log(`wrote bench/results/latest.md and latest.json (${results.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s)`);
}
