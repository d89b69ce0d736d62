import { randomBytes } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
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

const HEADER = { alg: 'HS256', typ: 'JWT' } as const;

/**
 * Whether every part of a compact token is canonical base64url: only the alphabet, no padding, and
 * the exact text its bytes encode to. Decoders (Node's and jose's) accept trailing `=`, unused low
 * bits set in the last character and stray characters; each would make a second spelling of the
 * same signed token, so that a token could be altered and still pass.
 */
export function isCanonicalCompact(token: string): boolean {
  const parts = token.split('.');
  return (
    parts.length === 3 &&
    parts.every((part) => part.length > 0 && /^[A-Za-z0-9_-]+$/.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part)
  );
}

/** Signs claims as a compact HS256 JWT (jose: a maintained implementation, not hand-written HMAC). */
export async function signToken(claims: TokenClaims, secret: Buffer): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(HEADER).sign(secret);
}

/**
 * The claims of a well-signed, unexpired token; undefined for anything else. jose checks the
 * signature and the header (HS256 only: `alg: none` and other algorithms are refused); the claims
 * are checked here as before (user, token version, expiry against the hub's clock).
 */
export async function verifyToken(token: string, secret: Buffer, nowSeconds: number): Promise<TokenClaims | undefined> {
  if (!isCanonicalCompact(token)) return undefined;
  try {
    const { payload, protectedHeader } = await compactVerify(token, secret, { algorithms: ['HS256'] });
    if (protectedHeader.alg !== 'HS256') return undefined;
    const claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as TokenClaims;
    if (!claims || typeof claims !== 'object') return undefined;
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
