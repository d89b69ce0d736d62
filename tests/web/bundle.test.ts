import { describe, expect, it } from 'vitest';
import { measureWebBundle } from '../bench/web-bundle.js';

describe('the web app’s bundle', () => {
  it('keeps the dashboard route’s initial JavaScript within its budget, charts loaded apart', async () => {
    const r = await measureWebBundle();
    expect(r.dashboardInitialJsGzipBytes).toBeGreaterThan(50 * 1024); // the measure found the app
    expect(r.dashboardInitialJsGzipBytes, r.files.map((f) => `${f.gzipBytes} ${f.file}`).join('\n')).toBeLessThanOrEqual(r.budgetBytes);
    expect(r.chartsJsGzipBytes).toBeGreaterThan(50 * 1024); // ECharts is its own chunk, not in the initial load
    expect(r.files.some((f) => f.file.includes('echart'))).toBe(false);
    expect(r.files.some((f) => /explorer|monaco/.test(f.file))).toBe(false); // the API explorer is built apart
  }, 120_000);
});
