import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/core/env.js';
import type { TestHub } from '../utils/hub.js';

/**
 * Row 2's write workload, the same in every benchmark that writes: one recordFeedback request body
 * (a problem reported by phone at the SH branch), the ids looked up as the agent sees them.
 */
export async function recordFeedbackBody(hub: { gql: TestHub['gql'] }, agentToken: string): Promise<string> {
  const org = await hub.gql(agentToken, '{ branches { id code } categories { id } }');
  const input = {
    kind: 'PROBLEM',
    channel: 'VOICE',
    categoryId: org.data!.categories[0].id,
    branchId: org.data!.branches.find((b: { code: string }) => b.code === 'SH').id,
    text: '手机银行转账失败，提示系统繁忙',
  };
  return JSON.stringify({ query: 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', variables: { i: input } });
}

/** One line of the benchmark table. `ratio` is hub ÷ baseline, measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  note?: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : NaN;
};

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Load from a separate process (autocannon's CLI), bounded in time, against a loopback URL.
 * `body` is sent as a POST with JSON content type.
 */
export function autocannon(
  url: string,
  options: { body: string; connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const bin = path.join(PROJECT_ROOT, 'tests', 'node_modules', '.bin', 'autocannon');
  const args = [
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.seconds),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    options.body,
  ];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        const r = JSON.parse(out) as {
          requests: { average: number };
          latency: { p50: number; p99: number };
          errors: number;
          non2xx: number;
        };
        resolve({ requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
      } catch (err) {
        reject(new Error(`autocannon output unreadable: ${(err as Error).message}: ${out.slice(0, 300)}`));
      }
    });
  });
}

/** Runs `a` and `b` alternately `rounds` times and returns the median of each. */
export async function alternate(rounds: number, a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: number; b: number }> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return { a: median(as), b: median(bs) };
}

/** RFC 4180 CSV, read whole (a bench's data file): quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
