import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildWeb } from '../web/utils/build-web.js';
import type { BenchRow } from './util.js';

/** The budget for the dashboard route's initial JavaScript, gzipped. */
export const DASHBOARD_BUDGET_BYTES = 300 * 1024;

const DASHBOARD_MODULE = 'src/features/dashboard/dashboard-page.tsx';
const CHARTS_MODULE = 'src/features/charts/echart.tsx';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** A chunk and everything it imports statically: what the browser must load before it runs. */
function staticClosure(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
  seen.add(key);
  for (const i of chunk.imports ?? []) staticClosure(manifest, i, seen);
  return seen;
}

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export interface WebBundleReport {
  /** index.html's entry with its static imports, plus the dashboard route's chunk with its static imports. */
  dashboardInitialJsGzipBytes: number;
  budgetBytes: number;
  /** The ECharts chunk, loaded after the dashboard's first paint, where charts are drawn. */
  chartsJsGzipBytes: number;
  files: { file: string; gzipBytes: number }[];
}

/**
 * Builds the web app and measures the dashboard route's initial JavaScript, gzipped (level 9):
 * the entry chunk and the dashboard page chunk with everything they import statically, as the
 * Vite manifest records it. Lazily imported chunks (other routes, the charts) are not counted.
 */
export async function measureWebBundle(): Promise<WebBundleReport> {
  const outDir = await buildWeb({ manifest: true });
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
    if (!entry) throw new Error('no entry chunk in the Vite manifest');
    const keys = new Set([...staticClosure(manifest, entry), ...staticClosure(manifest, DASHBOARD_MODULE)]);
    const files = [...keys]
      .map((k) => manifest[k]!.file)
      .filter((f) => f.endsWith('.js'))
      .map((file) => ({ file, gzipBytes: gzipSize(path.join(outDir, file)) }))
      .sort((a, b) => b.gzipBytes - a.gzipBytes);
    const charts = manifest[CHARTS_MODULE];
    return {
      dashboardInitialJsGzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
      budgetBytes: DASHBOARD_BUDGET_BYTES,
      chartsJsGzipBytes: charts ? gzipSize(path.join(outDir, charts.file)) : 0,
      files,
    };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** The same measure as rows of `pnpm bench`. */
export async function measureWebBundleRows(): Promise<{ rows: BenchRow[] }> {
  const r = await measureWebBundle();
  return {
    rows: [
      {
        name: 'web: dashboard route initial JS, gzipped',
        value: Math.round(r.dashboardInitialJsGzipBytes / 102.4) / 10,
        unit: 'KB',
        target: `≤ ${r.budgetBytes / 1024} KB`,
        note: `${r.files.length} files; charts load after first paint (${(r.chartsJsGzipBytes / 1024).toFixed(1)} KB)`,
      },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureWebBundle();
  for (const f of r.files) console.log(`${(f.gzipBytes / 1024).toFixed(1).padStart(8)} KB  ${f.file}`);
  console.log(
    `dashboard route initial JS (gzip): ${(r.dashboardInitialJsGzipBytes / 1024).toFixed(1)} KB of ${r.budgetBytes / 1024} KB budget`,
  );
  console.log(`charts chunk, loaded after first paint (gzip): ${(r.chartsJsGzipBytes / 1024).toFixed(1)} KB`);
  if (r.dashboardInitialJsGzipBytes > r.budgetBytes) process.exitCode = 1;
}
