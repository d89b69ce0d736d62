import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Env } from '../core/env.js';

/** A message as the outbox holds it: the channel, the address and the rendered payload. */
export interface Outgoing {
  readonly id: string;
  readonly channel: string;
  readonly target: string;
  readonly payload: string;
  /** WEBHOOK / WECOM_ROBOT: the endpoint's secret (signing), read when sending. */
  readonly secret?: string;
}

/** Sends one message; throws when the receiver did not take it (the dispatcher retries). */
export type Send = (message: Outgoing, now: Date) => Promise<void>;

const TIMEOUT_MS = 10_000;

/**
 * The signature a receiver recomputes: HMAC-SHA256 with the endpoint's secret over
 * `<timestamp>.<body>`, hex. Binding the timestamp stops a captured body being replayed with a new one.
 */
export function signBody(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status} from the receiver`);
  return res;
}

/** WeCom answers HTTP 200 with `errcode` in the body: anything but 0 is a failure. */
async function wecomOk(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (body.errcode !== 0)
    throw Object.assign(new Error(`WeCom errcode ${String(body.errcode)}: ${String(body.errmsg)}`), { errcode: body.errcode });
  return body;
}

/**
 * The channels, built once from the configuration. A channel not configured (no SMTP host, no
 * WeCom corp) refuses its messages, which are retried and parked like any failure, visible to the admin.
 */
export function createChannels(env: Env): Record<string, Send> {
  let mailer: Transporter | null = null;
  const mail = (): Transporter => {
    if (!env.SMTP_HOST) throw new Error('e-mail is not configured (SMTP_HOST)');
    mailer ??= nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      // 465: TLS from the first byte; otherwise STARTTLS, required unless SMTP_REQUIRE_TLS=false.
      secure: env.SMTP_SECURE,
      requireTLS: env.SMTP_REQUIRE_TLS,
      ignoreTLS: !env.SMTP_REQUIRE_TLS && !env.SMTP_SECURE,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
      connectionTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
    return mailer;
  };

  // WeCom's access token is valid for `expires_in` seconds and shared by every message.
  let token: { value: string; until: number } | null = null;
  const accessToken = async (now: number): Promise<string> => {
    if (token && token.until > now) return token.value;
    if (!env.WECOM_CORP_ID) throw new Error('WeCom is not configured (WECOM_CORP_ID)');
    const url = new URL('/cgi-bin/gettoken', env.WECOM_API_BASE);
    url.searchParams.set('corpid', env.WECOM_CORP_ID);
    url.searchParams.set('corpsecret', env.WECOM_CORP_SECRET);
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await wecomOk(res);
    token = { value: String(body.access_token), until: now + (Number(body.expires_in ?? 7200) - 300) * 1000 };
    return token.value;
  };

  return {
    async EMAIL(m) {
      const p = JSON.parse(m.payload) as { subject: string; text: string; html: string };
      await mail().sendMail({
        from: env.SMTP_FROM,
        to: m.target,
        subject: p.subject,
        text: p.text,
        html: p.html,
        // The stable id: a mail retried after a lost answer carries the same Message-ID.
        messageId: `<${m.id}@${new URL(env.HUB_PUBLIC_URL).hostname}>`,
        headers: { 'X-Hub-Delivery': m.id },
      });
    },
    async WECOM(m, now) {
      const p = JSON.parse(m.payload) as { markdown: string };
      const body = JSON.stringify({
        touser: m.target,
        msgtype: 'markdown',
        agentid: env.WECOM_AGENT_ID,
        markdown: { content: p.markdown },
        // WeCom drops a repeat of the same message within its interval: the retry of a lost answer.
        enable_duplicate_check: 1,
        duplicate_check_interval: 14_400,
      });
      const send = async () => {
        const url = new URL('/cgi-bin/message/send', env.WECOM_API_BASE);
        url.searchParams.set('access_token', await accessToken(now.getTime()));
        await wecomOk(await post(url.toString(), body));
      };
      try {
        await send();
      } catch (err) {
        // 40014 / 42001: the token was revoked or expired early; fetch a new one once.
        const code = (err as { errcode?: number }).errcode;
        if (code !== 40014 && code !== 42001) throw err;
        token = null;
        await send();
      }
    },
    async WECOM_ROBOT(m) {
      const p = JSON.parse(m.payload) as { markdown: string };
      await wecomOk(await post(m.target, JSON.stringify({ msgtype: 'markdown', markdown: { content: p.markdown } })));
    },
    async WEBHOOK(m) {
      // The receiver checks the timestamp against its own clock: the wall clock, not the hub's business clock.
      const timestamp = Math.floor(Date.now() / 1000);
      await post(m.target, m.payload, {
        'x-hub-delivery': m.id,
        'idempotency-key': m.id,
        'x-hub-timestamp': String(timestamp),
        'x-hub-signature': `sha256=${signBody(m.secret ?? '', timestamp, m.payload)}`,
      });
    },
  };
}
