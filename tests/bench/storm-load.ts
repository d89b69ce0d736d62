import http from 'node:http';

/**
 * The agents' side of the storm benchmark, in its own process so that it takes no time from the
 * hub's event loop: sends every request body it is given over `connections` keep-alive HTTP
 * connections (one agent each, one request at a time), and reports each request's latency and the
 * burst's wall time. Driven over IPC by storm.bench.ts; it only talks to the loopback URL given.
 */
interface Burst {
  url: string;
  token: string;
  bodies: string[];
  connections: number;
}

process.on('message', async (msg: Burst) => {
  const url = new URL(msg.url);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`storm-load: not a loopback URL: ${msg.url}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: msg.connections });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const send = (body: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${msg.token}`, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            if (res.statusCode !== 200 || text.includes('"errors"')) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: msg.connections }, async () => {
      while (next < msg.bodies.length) await send(msg.bodies[next++]!);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  process.send!({ latencies, seconds, errors });
});
