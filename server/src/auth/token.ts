import { createHmac, timingSafeEqual, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface TokenClaims {
  /** user id */
  sub: string;
  /** the user's token version when signed: a bump revokes every older token */
  tv: number;
  /** expiry, seconds since the epoch */
  exp: number;
  iat: number;
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/** Signs claims as a compact HS256 JWT. */
export function signToken(claims: TokenClaims, secret: Buffer): string {
  const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** The claims of a well-signed, unexpired token; undefined for anything else. */
export function verifyToken(token: string, secret: Buffer, nowSeconds: number): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
    if (header.alg !== 'HS256') return undefined;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.tv !== 'number') return undefined;
    if (claims.exp <= nowSeconds) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

/**
 * The signing secret: HUB_SECRET when set, otherwise one generated on first start and kept in the
 * data directory (mode 0600), so tokens survive restarts and every process on the same data agrees.
 */
export function loadSecret(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, 'hub.secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(48).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}
