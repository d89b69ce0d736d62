import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/**
 * A local HTTP server playing the outside world: a webhook receiver (any path), WeCom's API
 * (`/cgi-bin/gettoken`, `/cgi-bin/message/send`) and WeCom group robots (`/robot/...`). `down`
 * makes it answer 503 to webhook and robot posts, as a receiver that is down for a while; `hang`
 * takes a post and never answers it; `delayMs` answers each post that much later.
 */
export async function startHttpReceiver() {
  const received: Received[] = [];
  const state = { down: false, hang: false, delayMs: 0, tokens: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = (status: number, json: unknown) => {
        received.push({ path: url.pathname + url.search, headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (url.pathname === '/cgi-bin/gettoken') {
        state.tokens++;
        if (url.searchParams.get('corpsecret') !== 'wecom-secret') return answer(200, { errcode: 40001, errmsg: 'invalid credential' });
        return answer(200, { errcode: 0, errmsg: 'ok', access_token: `tok-${state.tokens}`, expires_in: 7200 });
      }
      if (url.pathname === '/cgi-bin/message/send') {
        if (!url.searchParams.get('access_token')?.startsWith('tok-'))
          return answer(200, { errcode: 40014, errmsg: 'invalid access_token' });
        return answer(200, { errcode: 0, errmsg: 'ok' });
      }
      if (state.hang) {
        // Taken but never answered: the sender cannot know whether it arrived.
        received.push({ path: url.pathname + url.search, headers: req.headers, body, status: 0 });
        return;
      }
      if (state.down) return answer(503, { error: 'down' });
      if (state.delayMs) {
        setTimeout(() => answer(200, { ok: true }), state.delayMs);
        return;
      }
      if (url.pathname.startsWith('/robot/')) return answer(200, { errcode: 0, errmsg: 'ok' });
      return answer(200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One mail the SMTP server accepted. */
export interface Mail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

/** A local SMTP server (the `smtp-server` package) that keeps every mail, requiring this user's password. */
export async function startSmtpReceiver(user = 'hub', password = 'smtp-password') {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) cb(null, { user });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Polls until `check` answers a value (not undefined/false), or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
