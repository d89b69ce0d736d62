import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { startHub, codeOf, type TestHub } from '../utils/hub.js';

// Tokens are not malleable (issue 24, item 14): any other spelling of a valid token, an unsigned or
// foreign-signed one is refused, over HTTP and on the WebSocket's connection_init.

let hub: TestHub;
let token = '';
beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 5, contacts: 1 } });
  token = await hub.login('analyst');
});
afterAll(async () => hub.stop());

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const hs = (alg: 'sha256' | 'sha512', secret: string, input: string) => createHmac(alg, secret).update(input).digest('base64url');
/** The same bytes, spelled differently: the unused low bits of the last base64url character set. */
function flipUnusedBits(part: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const unused = (part.length * 6) % 8; // bits past the last whole byte
  const last = alphabet.indexOf(part.at(-1)!);
  const flipped = `${part.slice(0, -1)}${alphabet[last ^ ((1 << unused) - 1)]}`;
  expect(Buffer.from(flipped, 'base64url').equals(Buffer.from(part, 'base64url'))).toBe(true);
  return flipped;
}

const variants: [string, () => string][] = [
  ['a signature with "=" appended', () => `${token}=`],
  ['a signature with "==" appended', () => `${token}==`],
  ['a header with "=" appended', () => token.replace('.', '=.')],
  ['a signature with other padding bits', () => token.replace(/[^.]+$/, (sig) => flipUnusedBits(sig))],
  [
    'alg none, unsigned',
    () => {
      const [, body] = token.split('.');
      return `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${body}.`;
    },
  ],
  [
    'alg none, with the valid signature kept',
    () => {
      const [, body, sig] = token.split('.');
      return `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${body}.${sig}`;
    },
  ],
  [
    'a foreign secret',
    () => {
      const [head, body] = token.split('.');
      return `${head}.${body}.${hs('sha256', 'someone-elses-secret-someone-elses-secret', `${head}.${body}`)}`;
    },
  ],
  [
    'HS512 with the hub secret',
    () => {
      const [, body] = token.split('.');
      const head = b64(JSON.stringify({ alg: 'HS512', typ: 'JWT' }));
      return `${head}.${body}.${hs('sha512', hub.deps.env.HUB_SECRET!, `${head}.${body}`)}`;
    },
  ],
];

/** The close code of a WebSocket whose connection_init carries this token (0: it was acknowledged). */
async function wsOutcome(bearer: string): Promise<number> {
  const socket = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
  return new Promise((resolve) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bearer}` } })));
    socket.on('message', (m) => {
      if (JSON.parse(String(m)).type === 'connection_ack') {
        socket.close();
        resolve(0);
      }
    });
    socket.on('close', (code) => resolve(code));
  });
}

describe('token malleability', () => {
  it('accepts the token as issued', async () => {
    expect((await hub.gql(token, '{ me { username } }')).data!.me.username).toBe('analyst');
    expect(await wsOutcome(token)).toBe(0);
  });

  it.each(variants)('refuses %s', async (_name, make) => {
    const altered = make();
    expect(altered).not.toBe(token);
    expect(codeOf(await hub.gql(altered, '{ problems { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect(await wsOutcome(altered)).toBe(4403);
  });
});
