import WebSocket from 'ws';

/**
 * The subscriber side of the fan-out benchmark, in its own process: opens N sockets (graphql-ws,
 * or raw for the baseline), says when all are ready, and reports for each event the time the last
 * subscriber received it. Driven over IPC by fanout.bench.ts.
 */
interface Start {
  url: string;
  count: number;
  mode: 'graphql-ws' | 'raw';
  tokens: string[];
}

const now = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
let received = new Map<number, { n: number; last: number }>();

process.on('message', async (msg: { type: string } & Partial<Start> & { expect?: number }) => {
  if (msg.type === 'start') {
    const { url, count, mode, tokens } = msg as Start;
    let ready = 0;
    const opened: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      opened.push(
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(url, mode === 'graphql-ws' ? 'graphql-transport-ws' : undefined);
          sockets.push(ws);
          ws.on('error', reject);
          ws.on('open', () => {
            if (mode === 'raw') {
              ready++;
              resolve();
              return;
            }
            ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${tokens[i % tokens.length]}` } }));
          });
          ws.on('message', (data: Buffer) => {
            const text = data.toString();
            if (mode === 'graphql-ws') {
              const m = JSON.parse(text) as { type: string; payload?: { data?: { hubEvents?: { cursor: string } } } };
              if (m.type === 'connection_ack') {
                ws.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 'subscription { hubEvents { cursor type } }' } }));
                ready++;
                resolve();
                return;
              }
              if (m.type !== 'next') return;
              const seq = Number(m.payload?.data?.hubEvents?.cursor);
              const r = received.get(seq) ?? { n: 0, last: 0 };
              r.n++;
              r.last = now();
              received.set(seq, r);
            } else {
              const seq = Number(text.slice(0, 12));
              const r = received.get(seq) ?? { n: 0, last: 0 };
              r.n++;
              r.last = now();
              received.set(seq, r);
            }
          });
        }),
      );
      // At most 50 handshakes in flight: the server's accept queue (511 by default) keeps up.
      if (i % 50 === 49) await Promise.all(opened.slice(-50));
    }
    await Promise.all(opened);
    await new Promise((r) => setTimeout(r, 500));
    process.send!({ type: 'ready', ready });
  } else if (msg.type === 'reset') {
    received = new Map();
    process.send!({ type: 'reset' });
  } else if (msg.type === 'collect') {
    process.send!({ type: 'collected', events: [...received.entries()].map(([seq, r]) => ({ seq, n: r.n, last: r.last })) });
  } else if (msg.type === 'stop') {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  }
});
