import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { tempDir, testDb } from '../utils/hub.js';
import { buildServer, removeServerBuild } from '../utils/server-build.js';
import { openStore } from '../../server/src/core/db.js';
import { toCsv } from '../../server/src/core/csv.js';
import { loadDemo } from '../../server/src/demo/demo.seed.js';
import { insertFeedback } from '../utils/bulk-feedback.js';
import { median, type BenchRow } from './util.js';

const ROWS = 100_000;
const SMALL = 10_000;
const RUNS = 3;
const DAY = 86_400_000;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

/** A line of /proc/<pid>/status, in MiB (VmRSS: now; VmHWM: the peak since the last reset). */
const statusMiB = (pid: number, key: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** Resets the process's peak RSS (Linux: `5` to clear_refs), so that VmHWM is the peak of what follows. */
const resetPeak = (pid: number) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');

/**
 * The inbox's list export (issue 18) from a hub running as its own process (the built server),
 * 100,000 and 10,000 rows, CSV and XLSX, read by a client that only counts bytes. Throughput is
 * compared with a baseline measured in the same run: the same rows read straight from the same
 * SQLite file (better-sqlite3, one statement) and written as CSV by the same writer, in memory,
 * with no HTTP, scoping or masking. Memory is the hub process's peak RSS during each export
 * (VmHWM, reset before it): bounded memory shows as the 100k peak staying near the 10k peak.
 */
export async function benchListExport(): Promise<{ rows: BenchRow[] }> {
  const dir = tempDir('voc-hub-bench-export-');
  const runId = `bench-${process.pid}`;
  let child: ChildProcess | null = null;
  try {
    const now = Date.now();
    const file = path.join(dir, 'hub.sqlite');
    const store = openStore(file);
    await loadDemo(store, { now: new Date(now - DAY), feedback: 500, contacts: 0, seed: 3 });
    const db = testDb(store);
    const idOf = async (table: string, code: string) => (await db.get<{ id: string }>(`SELECT id FROM ${table} WHERE code = ?`, code))!.id;
    const branchIds = await Promise.all(['SH', 'BJ', 'GZ', 'SH-PD'].map((c) => idOf('branches', c)));
    const categoryIds = (await db.all<{ id: string }>('SELECT id FROM categories')).map((r) => r.id);
    const agent = (await db.get<{ id: string }>("SELECT id FROM users WHERE username = 'agent'"))!.id;
    // Years before the demo data, so that a date window selects these rows alone.
    const written = now - 5 * 365 * DAY;
    await insertFeedback(db, ROWS, { branchIds, categoryIds, recordedBy: agent, now: written });
    await store.close();
    const windowOf = (n: number) => ({
      from: new Date(written - 60_000 - (n - 1) * 1_000).toISOString(),
      to: new Date(written).toISOString(),
    });

    // Baseline: the rows straight from the file, CSV in memory.
    const baseline = (n: number): number => {
      const raw = openStore(file);
      try {
        const w = windowOf(n);
        const t0 = performance.now();
        const stmt = raw.raw.prepare(
          'SELECT id, kind, channel, category_id, branch_id, received_at, text, complaint, customer_ref, recorded_by, problem_id FROM feedback WHERE received_at >= ? AND received_at < ? ORDER BY received_at DESC, id DESC',
        );
        let bytes = 0;
        let batch: (string | number | null)[][] = [];
        let count = 0;
        for (const r of stmt.iterate(Date.parse(w.from), Date.parse(w.to)) as Iterable<Record<string, string | number | null>>) {
          batch.push(Object.values(r));
          count++;
          if (batch.length === 1000) {
            bytes += toCsv(batch, { bom: false }).length;
            batch = [];
          }
        }
        bytes += toCsv(batch, { bom: false }).length;
        if (count !== n || !bytes) throw new Error(`baseline read ${count} rows`);
        return n / ((performance.now() - t0) / 1000);
      } finally {
        void raw.close();
      }
    };

    const main = await buildServer(runId);
    const port = await freePort();
    child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: file,
        DATA_DIR: dir,
        HUB_DEMO: '0',
        LOG_LEVEL: 'error',
        HUB_SECRET: 'bench-secret-bench-secret-bench-secret-1',
        HUB_CONTACT_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
      },
      stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'hub.err'), 'w')],
      detached: true,
    });
    const pid = child.pid!;
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (i > 1200) throw new Error('the hub did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const login = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: LoginInput!) { login(input: $i) { token } }',
        variables: { i: { username: 'coordinator', password: 'hub-demo-2026' } },
      }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;

    const exportOnce = async (format: 'csv' | 'xlsx', n: number) => {
      const url = `${base}/exports/lists/inbox.${format}?filter=${encodeURIComponent(JSON.stringify(windowOf(n)))}`;
      resetPeak(pid);
      const before = statusMiB(pid, 'VmRSS');
      const t0 = performance.now();
      // An idle keep-alive connection the hub closed just as it was reused answers ECONNRESET: once more, on a new one.
      const get = () => fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const res = await get().catch(get);
      if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body! as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (format === 'csv') for (const b of chunk) if (b === 10) lines++;
      }
      const seconds = (performance.now() - t0) / 1000;
      if (format === 'csv' && lines !== n + 1) throw new Error(`the CSV held ${lines - 1} rows, not ${n}`);
      const peak = statusMiB(pid, 'VmHWM');
      return { rowsPerSecond: n / seconds, peak, growth: peak - before, bytes };
    };

    // Warm the hub (compiled paths, first allocations) before measuring.
    await exportOnce('csv', SMALL);
    const idle = statusMiB(pid, 'VmRSS');
    const rows: BenchRow[] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const small = [];
      const large = [];
      const base100k = [];
      for (let r = 0; r < RUNS; r++) {
        small.push(await exportOnce(format, SMALL));
        large.push(await exportOnce(format, ROWS));
        if (format === 'csv') base100k.push(baseline(ROWS));
      }
      const rate = median(large.map((x) => x.rowsPerSecond));
      const peak100k = Math.max(...large.map((x) => x.peak));
      const peak10k = Math.max(...small.map((x) => x.peak));
      if (format === 'csv') {
        const b = median(base100k);
        rows.push({
          name: 'list export: 100k feedback rows, CSV',
          value: rate,
          unit: 'rows/s',
          baseline: b,
          ratio: rate / b,
          note: `baseline: the same rows read straight from SQLite and written as CSV in memory; ${(median(large.map((x) => x.bytes)) / 2 ** 20).toFixed(1)} MiB`,
        });
      } else {
        const csvRate = rows[0]!.value;
        rows.push({
          name: 'list export: 100k feedback rows, XLSX',
          value: rate,
          unit: 'rows/s',
          baseline: csvRate,
          ratio: rate / csvRate,
          note: `baseline: the same export as CSV, this run; ${(median(large.map((x) => x.bytes)) / 2 ** 20).toFixed(1)} MiB`,
        });
      }
      rows.push({
        name: `list export ${format.toUpperCase()}: hub peak RSS, 100k rows`,
        value: peak100k,
        unit: 'MiB',
        baseline: peak10k,
        ratio: peak100k / peak10k,
        target: '≈ 1× (bounded)',
        note: `baseline: the peak for 10k rows; idle after warm-up ${idle.toFixed(0)} MiB; median growth during one export ${median(large.map((x) => x.growth)).toFixed(0)} MiB (100k) vs ${median(small.map((x) => x.growth)).toFixed(0)} MiB (10k)`,
      });
    }
    return { rows };
  } catch (err) {
    const log = path.join(dir, 'hub.err');
    if (fs.existsSync(log)) console.error(fs.readFileSync(log, 'utf8').slice(-4000));
    throw err;
  } finally {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    removeServerBuild(runId);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
