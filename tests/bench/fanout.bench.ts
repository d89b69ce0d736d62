import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { startHub } from '../utils/hub.js';
import { PROJECT_ROOT } from '../../server/src/core/env.js';
import { median, percentile, type BenchRow } from './util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const EVENTS = 5;

function clients(): ChildProcess {
  return fork(path.join(here, 'fanout-clients.ts'), [], {
    execPath: path.join(PROJECT_ROOT, 'tests', 'node_modules', '.bin', 'tsx'),
    execArgv: ['--tsconfig', path.join(PROJECT_ROOT, 'tsconfig.json')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function ask<T>(child: ChildProcess, msg: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === reply) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    child.send(msg);
  });
}

/** Raw `ws`: one pre-serialised string to every socket — the floor for fan-out. */
async function rawBroadcast(n: number): Promise<{ times: number[]; missed: number }> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const child = clients();
  await ask(child, { type: 'start', url, count: n, mode: 'raw', tokens: [] }, 'ready');
  const times: number[] = [];
  let missed = 0;
  for (let e = 1; e <= EVENTS; e++) {
    const payload = `${String(e).padStart(12, '0')}${JSON.stringify({ data: { hubEvents: { cursor: String(e).padStart(12, '0'), type: 'FEEDBACK_RECORDED' } } })}`;
    const t0 = now();
    for (const ws of wss.clients as Set<WebSocket>) ws.send(payload);
    await new Promise((r) => setTimeout(r, 300 + n / 10));
    const { events } = await ask<{ events: { seq: number; n: number; last: number }[] }>(child, { type: 'collect' }, 'collected');
    const ev = events.find((x) => x.seq === e);
    missed += n - (ev?.n ?? 0);
    if (ev) times.push(ev.last - t0);
  }
  child.send({ type: 'stop' });
  wss.close();
  server.close();
  return { times, missed };
}

/** The hub: one recorded feedback reaching N subscribers of mixed roles and branches. */
async function hubBroadcast(n: number): Promise<{ times: number[]; missed: number; expected: number; memoryPerConnection: number }> {
  const hub = await startHub({ demo: { feedback: 200, contacts: 10 }, env: { RATE_POINTS_PER_MINUTE: '1000000000' } });
  try {
    const tokens = [
      await hub.login('coordinator'),
      await hub.login('analyst'),
      await hub.login('bm.sh'),
      await hub.login('bm.bj'),
      await hub.login('expert.card'),
    ];
    const agent = await hub.login('agent');
    const org = await hub.gql(agent, '{ branches { id code } categories { id } }');
    const sh = org.data!.branches.find((b: { code: string }) => b.code === 'SH').id;
    const category = org.data!.categories[0].id;
    const rssBefore = process.memoryUsage().rss;
    const child = clients();
    await ask(child, { type: 'start', url: hub.wsUrl, count: n, mode: 'graphql-ws', tokens }, 'ready');
    const memoryPerConnection = (process.memoryUsage().rss - rssBefore) / n;
    // Every role but bm.bj sees feedback recorded in SH: 4 of 5 subscribers.
    const expected = n - Math.floor(n / 5) - (n % 5 > 3 ? 1 : 0);
    const times: number[] = [];
    let missed = 0;
    for (let e = 0; e < EVENTS; e++) {
      const t0 = now();
      const r = await hub.gql(agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
        i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: category, branchId: sh, text: `扇出测试 ${e}` },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      await new Promise((res) => setTimeout(res, 500 + n / 5));
      const { events } = await ask<{ events: { seq: number; n: number; last: number }[] }>(child, { type: 'collect' }, 'collected');
      const latest = events.sort((a, b) => b.seq - a.seq)[0];
      await ask(child, { type: 'reset' }, 'reset');
      missed += expected - (latest?.n ?? 0);
      if (latest) times.push(latest.last - t0);
    }
    child.send({ type: 'stop' });
    return { times, missed, expected, memoryPerConnection };
  } finally {
    await hub.stop();
  }
}

/** Row 3: one event to 1,000 and 5,000 subscribers, against raw `ws` broadcast in the same run. */
export async function benchFanout(): Promise<{ rows: BenchRow[] }> {
  const rows: BenchRow[] = [];
  for (const n of [1_000, 5_000]) {
    const raw = await rawBroadcast(n);
    const hub = await hubBroadcast(n);
    const hubP99 = percentile(hub.times, 0.99);
    const rawP99 = percentile(raw.times, 0.99);
    rows.push({
      name: `3. fan-out: one event to ${n.toLocaleString('en-US')} subscribers (5 roles/branches), last received`,
      value: hubP99,
      unit: 'ms (p99 of 5 events)',
      baseline: rawP99,
      ratio: hubP99 / rawP99,
      target: '≤ 2× raw ws, zero missed',
      note: `median ${median(hub.times).toFixed(0)} ms vs ${median(raw.times).toFixed(0)} ms; missed ${hub.missed} (raw ${raw.missed}); ~${(hub.memoryPerConnection / 1024).toFixed(0)} KB server memory per connection`,
    });
  }
  return { rows };
}
